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
  await visible('#place-code input').fill('dorm3');
  await visible('.kind-chip[data-code="dormitory"]').tap();
  await visible('#add-place').tap();
  const row = visible('.place-row[data-code="dorm3"]');
  await row.waitFor();
  await row.locator('.show-sticker').tap();
  const sticker = visible('#sticker-preview img');
  await sticker.waitFor();
  await session.page.waitForFunction(() => (document.querySelector('#sticker-preview img') as HTMLImageElement | null)?.naturalWidth === 1200);
  expect(await visible('#audit-log').innerText()).toContain('place.create dorm3');
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
  await session.settle();
  await session.page.screenshot({ path: screenshotPath('setup-2-group-rankings'), fullPage: true });
}, 60_000);
