// The administrator sets up a place and looks at its 小蓝码 in the workbench; the group's
// administrator reads the 红黑榜. Screenshots kept in test/artifacts/.
import { screenshotPath } from '../support/browser.js';
import { useBrowserSession } from '../support/browser-session.js';

const session = useBrowserSession();
const { loginAs, visible } = session;

it('adds a place, shows its sticker, and logs the change', async () => {
  await loginAs('cy_admin');
  await session.page.goto(`${session.server.baseUrl}/#/pages/profile/index`);
  await visible('#profile-name').waitFor();
  await visible('#open-setup').tap();
  await visible('#org-card').waitFor();
  expect(await visible('.place-row[data-code="bath"]').innerText()).toMatch(/扫码 \d+ 次/);

  await visible('#place-name input').fill('3号宿舍楼');
  await visible('.kind-chip[data-code="dormitory"]').tap();
  await visible('#add-place').tap();
  // The administrator names the place; its code is made by the app, never typed.
  expect(await visible('#new-place input').count()).toBe(1);
  const row = visible('.place-row').filter({ hasText: '3号宿舍楼' });
  await row.waitFor();
  await row.locator('.show-sticker').tap();
  const sticker = visible('#sticker-preview img');
  await sticker.waitFor();
  await session.page.waitForFunction(() => (document.querySelector('#sticker-preview img') as HTMLImageElement | null)?.naturalWidth === 1200);
  expect(await visible('#audit-log').innerText()).toContain('系统管理员:添加地点 3号宿舍楼');
  await session.settle(true);
  await session.page.screenshot({ path: screenshotPath('setup-1-place-and-sticker'), fullPage: true });
}, 60_000);

it('shows the group administrator the mines side by side', async () => {
  await loginAs('jd_group');
  await session.page.goto(`${session.server.baseUrl}/#/pages/profile/index`);
  await visible('#open-group').tap();
  await visible('.mine-row[data-code="cy"]').waitFor();
  expect(await visible('.mine-row[data-code="xq"]').count()).toBe(1);
  expect(await visible('.ranking[data-rate="replyRate"]').innerText()).toContain('红榜');
  // 西曲矿 has no appeals in the demo: 无数据, never on the 黑榜.
  expect(await visible('.mine-row[data-code="xq"]').innerText()).toContain('诉求 0 件');
  for (const rate of ['replyRate', 'onTimeRate', 'satisfactionRate']) {
    const card = await visible(`.ranking[data-rate="${rate}"]`).innerText();
    expect(card).toContain('无数据:西曲矿');
    expect(card).not.toContain('黑榜:西曲矿');
  }
  await session.settle();
  await session.page.screenshot({ path: screenshotPath('setup-2-group-rankings'), fullPage: true });
}, 60_000);

it('takes a role away only after a confirmation, gives it back with a bind code, adds a department — and the log says it in words', async () => {
  const { page } = session;
  await loginAs('cy_admin');
  await page.goto(`${session.server.baseUrl}/#/pages/profile/index`);
  await visible('#open-setup').tap();
  await visible('#staff-card').waitFor();
  const payroll = visible('.staff-row').filter({ hasText: '劳资员' });
  // One tap asks first; 不取消 leaves the role where it was.
  await payroll.locator('.remove-role').tap();
  await page.locator('.taro-modal__title', { hasText: '取消身份?' }).waitFor();
  expect(await page.locator('.taro-modal__content').innerText()).toContain('劳资员将不再是部门(劳资部)');
  await page.locator('.taro-modal__foot >> text=不取消').tap();
  expect(await visible('.staff-row').filter({ hasText: '劳资员' }).count()).toBe(1);
  await payroll.locator('.remove-role').tap();
  await page.locator('.taro-modal__foot >> text=取消身份').tap();
  await page.waitForFunction(() => ![...document.querySelectorAll('.staff-row')].some((row) => row.textContent?.includes('劳资员')));

  // The bind code form is ready with the role and department just taken away: one tap issues the code.
  expect(await visible('.bind-role-chip.mq-chip--on').innerText()).toBe('部门');
  expect(await visible('.bind-department-chip.mq-chip--on').innerText()).toBe('劳资部');
  await visible('#issue-bind-code').tap();
  await visible('#issued-code').waitFor();
  expect(await visible('#issued-code').innerText()).toContain('部门(劳资部)的绑定码');
  const code = (await visible('#issued-code-value').innerText()).trim();
  expect(code).toMatch(/^[A-Z0-9]{8}$/);

  await visible('#department-name input').fill('机电科');
  await visible('#add-department').tap();
  await visible('.department-row').filter({ hasText: '机电科' }).waitFor();

  // The log follows each change.
  await page.waitForFunction(() => [...document.querySelectorAll('#audit-log')].some((log) => log.textContent?.includes('添加部门 机电科')));
  const log = await visible('#audit-log').innerText();
  expect(log).toContain('系统管理员:取消身份 劳资员(部门)');
  expect(log).toContain('系统管理员:发放绑定码 部门');
  expect(log).toContain('系统管理员:添加部门 机电科');
  // No setting's key, code or id on the administrator's screen.
  const screen = await visible('.admin-page').innerText();
  expect(screen).not.toMatch(/[a-z_]+\.[a-z_]+|Asia\/|[0-9a-f]{8}-|\(cy\)/);
  await session.settle(true);
  await page.screenshot({ path: screenshotPath('setup-3-roles-and-bind-codes'), fullPage: true });

  // The person types the code on 我的: the role is back.
  await loginAs('cy_payroll');
  await page.goto(`${session.server.baseUrl}/#/pages/profile/index`);
  await visible('#bind-code input').fill(code);
  await visible('.mq-button').filter({ hasText: '绑定' }).tap();
  await visible('#open-workbench').waitFor();
}, 90_000);
