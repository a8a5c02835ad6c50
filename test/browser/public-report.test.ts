// The 公示 as the public reads it: the official account's page at phone width, the month's report, and
// the A4 sheet for the bulletin board, from the demo mine's published month. No seeded name, phone or
// confidential text may appear; the charts must be drawn. Screenshots kept in test/artifacts/.
import { screenshotPath } from '../support/browser.js';
import { apiGet } from '../support/api.js';
import { useBrowserSession } from '../support/browser-session.js';

const session = useBrowserSession();

/** What the demo seeded about its workers: none of it may reach a public page. */
const PRIVATE = ['段伟', '李运芳', '袁永健', '黄占超', '通风区', '综采二区', '综掘一区', 'worker_', '加班费', '社保基数', '被烫过两次', '滑倒'];

async function expectChartsDrawn(minimum: number): Promise<void> {
  const boxes = await session.page.locator('svg.chart').evaluateAll((charts) => charts.map((c) => c.getBoundingClientRect()).map((r) => [r.width, r.height]));
  expect(boxes.length).toBeGreaterThanOrEqual(minimum);
  for (const [width, height] of boxes) expect(width * height).toBeGreaterThan(100 * 60);
}

async function expectNothingPrivate(): Promise<void> {
  const text = await session.page.locator('body').innerText();
  for (const secret of PRIVATE) expect(text).not.toContain(secret);
  expect(text).not.toMatch(/1[3-9]\d{9}/);
}

it("shows the resolved list and the month's report at phone width, and the A4 sheet, with nothing personal", async () => {
  const base = session.server.baseUrl;
  const { months } = await apiGet<{ months: Array<{ month: string }> }>(base, null, '/api/public/orgs/cy/reports');
  expect(months.length).toBeGreaterThanOrEqual(1);
  const month = months[0].month;

  const response = await session.page.goto(`${base}/p/cy/resolved`);
  expect(response?.status()).toBe(200);
  await expect(session.page.locator('#resolved .item').count()).resolves.toBeGreaterThanOrEqual(3);
  expect(await session.page.locator('#resolved').innerText()).toContain('职工澡堂');
  await expectChartsDrawn(1);
  await expectNothingPrivate();
  await session.page.screenshot({ path: screenshotPath('public-1-resolved'), fullPage: true });

  await session.page.locator(`a[href="/p/cy/reports/${month}"]`).first().click();
  await session.page.waitForURL(new RegExp(`/p/cy/reports/${month}$`));
  expect(await session.page.locator('#headline').innerText()).toContain('回复率');
  await expectChartsDrawn(3);
  await expectNothingPrivate();
  await session.page.screenshot({ path: screenshotPath('public-2-report'), fullPage: true });

  // The bulletin-board sheet: A4 width, printed, with the QR back to the channel.
  await session.page.setViewportSize({ width: 794, height: 1123 });
  await session.page.emulateMedia({ media: 'print' });
  await session.page.goto(`${base}/p/cy/reports/${month}?print=1`);
  await expectChartsDrawn(2);
  await expectNothingPrivate();
  expect(await session.page.locator('.qr svg').count()).toBe(1);
  expect(await session.page.locator('.qr').innerText()).toContain('赤峪是咱家');
  const pdf = await session.page.pdf({ format: 'A4', printBackground: true });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  await session.page.screenshot({ path: screenshotPath('public-3-print-a4'), fullPage: true });
}, 90_000);

it('lets the office correct the published month in the workbench, and workers read it in the 公示 tab', async () => {
  const base = session.server.baseUrl;
  const { months } = await apiGet<{ months: Array<{ month: string }> }>(base, null, '/api/public/orgs/cy/reports');
  const month = months[0].month;
  const before = await apiGet<{ items: Array<{ serial: string }> }>(base, null, `/api/public/orgs/cy/reports/${month}`);
  await session.page.emulateMedia({ media: 'screen' });
  await session.page.setViewportSize({ width: 390, height: 844 });

  await session.loginAs('cy_office');
  await session.page.goto(`${base}/#/admin/inbox/index`);
  await session.visible('#open-report').tap();
  await session.visible(`.month-chip[data-code="${month}"]`).tap();
  await session.visible('#correct-report').tap();
  await session.page.waitForFunction(() => document.querySelector('#report-state')?.textContent?.includes('草稿'));
  // The item the office left out: write its public summary and list it.
  const unlisted = session.visible('.report-item').filter({ hasText: '(不公示)' });
  expect(await unlisted.count()).toBe(0); // in a draft every item is editable
  const serials = await session.visible('.report-item').evaluateAll((items) => items.map((i) => i.getAttribute('data-serial')!));
  const serial = serials.find((s) => !before.items.some((i) => i.serial === s))!;
  expect(serial).toBeTruthy();
  const item = session.visible(`.report-item[data-serial="${serial}"]`);
  await item.locator('textarea').fill('澡堂门口台阶铺设防滑垫,每天早晨除冰');
  await item.locator('textarea').blur();
  await session.settle(true);
  await item.locator('.report-item__include input').tap();
  await session.settle(true);
  await session.visible('#report-note input').fill('补充一件办结事项');
  await session.visible('#publish-report').tap();
  await session.page.waitForFunction(() => document.querySelector('#report-state')?.textContent?.includes('已发布'));
  expect(await session.visible('#report-state').innerText()).toContain('第 2 版');
  await session.page.screenshot({ path: screenshotPath('public-4-office-corrected') });

  // A worker's 公示 tab shows the corrected version.
  await session.loginAs('worker_duanwei');
  await session.page.goto(`${base}/#/pages/public/index`);
  await session.visible('#report-headline').waitFor();
  expect(await session.visible('#report-headline').innerText()).toContain('更正说明:补充一件办结事项');
  expect(await session.visible(`.public-item[data-serial="${serial}"]`).innerText()).toContain('防滑垫');
  await session.settle();
  await session.page.screenshot({ path: screenshotPath('public-5-worker-tab') });
}, 90_000);

it("opens the mine its 公众号 menu names: 西曲矿's 诉求公示 shows 西曲矿, and the 公示 tab keeps it", async () => {
  const base = session.server.baseUrl;
  // The menu button of 西曲矿's 公众号 opens pages/public/index?org=xq (the server's official menu).
  await session.loginAs('worker_duanwei');
  await session.page.goto(`${base}/#/pages/public/index?org=xq`);
  const shown = session.page.locator('#report-headline, #report-empty').first();
  await shown.waitFor();
  expect(await shown.innerText()).toContain('西曲矿');
  expect(await session.visible('.public-page').innerText()).not.toContain('赤峪');
  // Tapped later without the menu's link, the tab still shows the mine this phone came from.
  // The 提交诉求 tab, opened without a sticker (the mini-program started afresh), is this phone's mine too.
  await session.page.goto(`${base}/#/pages/submit/index`);
  await session.page.reload();
  await session.page.waitForFunction(() => [...document.querySelectorAll('#org-name')].some((e) => e.textContent?.includes('西曲矿')));
  await session.page.goto(`${base}/#/pages/public/index`);
  await session.page.locator('#report-headline, #report-empty').first().waitFor();
  expect(await session.page.locator('#report-headline, #report-empty').first().innerText()).toContain('西曲矿');
}, 60_000);
