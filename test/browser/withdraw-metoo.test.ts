// Two things a worker does on the H5 build at phone size, through the UI only: withdraws an appeal the
// office has not accepted yet (a reason, a confirmation, 已撤回 for them and for the office), and adds
// 同感 — on the form, to an open appeal at the same place, and on the 公示's list — counted once per worker,
// with the office reading the count on the inbox row and on the appeal.
import { screenshotPath } from '../support/browser.js';
import { useBrowserSession } from '../support/browser-session.js';

const session = useBrowserSession();
const { loginAs, visible } = session;

/** The sticker of 2号宿舍楼, and 衣食住行 chosen: the form as a worker there starts it. */
async function openFormAtDorm2(): Promise<void> {
  await session.page.goto(`${session.server.baseUrl}/q/cy/dorm2`);
  await session.page.locator('#place-badge').waitFor();
  await visible('.category-chip[data-code="living"]').tap();
}

it('withdraws an appeal before 受理 with a reason and a confirmation; the office sees it as 已撤回 with nothing to do', async () => {
  const { page } = session;
  await loginAs('worker_huangzhanchao');
  await openFormAtDorm2();
  const content = '2号宿舍楼三楼的水房水龙头一直滴水,晚上听得很清楚';
  await visible('#content textarea').fill(content);
  await visible('#submit-button').tap();
  await page.waitForURL(/pages\/detail\/index/);
  const serial = (await visible('#appeal-serial').innerText()).trim();
  expect(await visible('#appeal-status').innerText()).toBe('已提交');

  await visible('#withdraw-open').tap();
  await visible('#withdraw-card').waitFor();
  // 其他 asks for the worker's own words before anything is sent.
  await visible('.withdraw-reason[data-code="其他"]').tap();
  await visible('#withdraw-submit').tap();
  expect(await visible('#withdraw-card .mq-error').innerText()).toBe('请写下撤回的原因');
  await visible('.withdraw-reason[data-code="问题已自行解决"]').tap();
  await visible('#withdraw-words textarea').fill('宿管已经修好了');
  await session.settle();
  await page.screenshot({ path: screenshotPath('withdraw-1-reason'), fullPage: true });
  await visible('#withdraw-submit').tap();
  await page.locator('.taro-modal__title', { hasText: '确定撤回这条诉求?' }).waitFor();
  // 再想想 keeps it; the second time it goes.
  await page.locator('.taro-modal__foot >> text=再想想').tap();
  expect(await visible('#appeal-status').innerText()).toBe('已提交');
  await visible('#withdraw-submit').tap();
  await page.locator('.taro-modal__foot >> text=撤回').last().tap();
  await page.waitForFunction(() => document.querySelector('#appeal-status')?.textContent?.includes('已撤回'));
  expect(await visible('#timeline').innerText()).toContain('职工撤回了诉求:问题已自行解决:宿管已经修好了');
  expect(await visible('#withdraw-open').count()).toBe(0);
  expect(await visible('#send-message').count()).toBe(0);
  await session.settle(true);
  await page.screenshot({ path: screenshotPath('withdraw-2-withdrawn'), fullPage: true });

  // The office finds it by its serial: 已撤回 on the row and on its page, with no action to take.
  await loginAs('cy_office');
  await page.goto(`${session.server.baseUrl}/#/admin/inbox/index`);
  await visible('#inbox-tabs').waitFor();
  await visible('#inbox-search').tap();
  await visible('#inbox-search input').fill(serial);
  await visible('#inbox-search-go').tap();
  const row = visible(`.staff-item[data-serial="${serial}"]`);
  await row.waitFor();
  expect(await row.innerText()).toContain('已撤回');
  await row.tap();
  await visible('#staff-serial').waitFor();
  const staffPage = await visible('.mq-page').last().innerText();
  expect(staffPage).toContain('已撤回');
  expect(staffPage).toContain('职工撤回了诉求:问题已自行解决');
  expect(await visible('.action-button').count()).toBe(0);
  await page.screenshot({ path: screenshotPath('withdraw-3-office'), fullPage: true });
}, 120_000);

it('counts 同感 once per worker — on the form at the same place and on the 公示 — and shows the office the count, never who', async () => {
  const { page } = session;
  // 袁永健 at 2号宿舍楼: 李运芳's appeal about the loudspeaker there is open.
  await loginAs('worker_yuanyongjian');
  await openFormAtDorm2();
  const box = visible('#similar-appeals');
  await box.waitFor();
  expect(await box.innerText()).toContain('同一地点已有人反映');
  const item = box.locator('.similar-appeals__item', { hasText: '楼顶的喇叭' });
  const serial = (await item.getAttribute('data-serial'))!;
  expect(await item.innerText()).not.toContain('李运芳');
  expect(await item.innerText()).toContain('还没有人点同感');
  await session.settle();
  await page.screenshot({ path: screenshotPath('metoo-1-form'), fullPage: true });
  await item.locator('text=我也遇到了').tap();
  await page.waitForFunction((s) => document.querySelector(`.similar-appeals__item[data-serial="${s}"]`)?.textContent?.includes('1 位工友也遇到了'), serial);
  expect(await item.innerText()).toContain('您已点过同感');

  // Back another time: counted already, no second 同感 to give.
  await openFormAtDorm2();
  const again = visible(`.similar-appeals__item[data-serial="${serial}"]`);
  await again.waitFor();
  await page.waitForFunction((s) => document.querySelector(`.similar-appeals__item[data-serial="${s}"]`)?.textContent?.includes('您已点过同感'), serial);
  expect(await again.innerText()).toContain('1 位工友也遇到了');
  expect(await again.locator('text=我也遇到了').count()).toBe(0);

  // Another worker adds theirs: two.
  await loginAs('worker_duanwei');
  await openFormAtDorm2();
  const second = visible(`.similar-appeals__item[data-serial="${serial}"]`);
  await second.waitFor();
  await second.locator('text=我也遇到了').tap();
  await page.waitForFunction((s) => document.querySelector(`.similar-appeals__item[data-serial="${s}"]`)?.textContent?.includes('2 位工友也遇到了'), serial);

  // The worker who made it is not offered their own appeal.
  await loginAs('worker_liyunfang');
  await openFormAtDorm2();
  await session.settle();
  expect(await visible(`.similar-appeals__item[data-serial="${serial}"]`).count()).toBe(0);

  // The 公示: 我也遇到了 under a resolved item; a second tap, after coming back, leaves the count as it was.
  await loginAs('worker_yuanyongjian');
  await page.goto(`${session.server.baseUrl}/#/pages/public/index?org=cy`);
  const published = visible('.public-item').first();
  await published.waitFor();
  const publicSerial = (await published.getAttribute('data-serial'))!;
  const line = () => visible(`.public-item[data-serial="${publicSerial}"] .support-line`);
  await line().waitFor();
  expect(await line().innerText()).toContain('还没有人点同感');
  await line().locator('text=我也遇到了').tap();
  await page.waitForFunction((s) => document.querySelector(`.public-item[data-serial="${s}"] .support-line`)?.textContent?.includes('1 人有同感'), publicSerial);
  await session.settle(true);
  await page.screenshot({ path: screenshotPath('metoo-2-public'), fullPage: true });
  await page.reload();
  await line().waitFor();
  await page.waitForFunction((s) => document.querySelector(`.public-item[data-serial="${s}"] .support-line`)?.textContent?.includes('1 人有同感'), publicSerial);
  await line().locator('text=我也遇到了').tap();
  await page.getByText('您已经点过了').first().waitFor();
  expect(await line().innerText()).toContain('1 人有同感');

  // The office: the count on the inbox row and on the appeal, and no worker named for it.
  await loginAs('cy_office');
  await page.goto(`${session.server.baseUrl}/#/admin/inbox/index`);
  await visible('#inbox-tabs').waitFor();
  await visible('#inbox-search').tap();
  await visible('#inbox-search input').fill(serial);
  await visible('#inbox-search-go').tap();
  const row = visible(`.staff-item[data-serial="${serial}"]`);
  await row.waitFor();
  expect(await row.innerText()).toContain('同感 2 人');
  await row.tap();
  await visible('#staff-supports').waitFor();
  expect(await visible('#staff-supports').innerText()).toBe('同感:另有 2 位职工也遇到了');
  const staffPage = await visible('.mq-page').last().innerText();
  for (const name of ['袁永健', '段伟']) expect(staffPage).not.toContain(name);
  await page.screenshot({ path: screenshotPath('metoo-3-office'), fullPage: true });
}, 150_000);
