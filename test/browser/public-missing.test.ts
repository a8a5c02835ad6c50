// A 公示 link that leads nowhere, as a worker or a passer-by opens it: a month the mine has not published
// (a shared link from before the publication, a typed month) and a mine that does not exist — in the
// mini-program's 公示 page and in the browser page of the official account's menu. Chinese words and the way
// to what there is, never the error's JSON or code.
import { screenshotPath } from '../support/browser.js';
import { apiGet } from '../support/api.js';
import { useBrowserSession } from '../support/browser-session.js';

const session = useBrowserSession();

/** Opens a link as a tap from a chat would: a new document, not a hash change inside the one already open. */
async function open(url: string): Promise<void> {
  await session.page.goto('about:blank');
  await session.page.goto(url);
}

const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5))}月`;

async function latestMonth(): Promise<string> {
  const { months } = await apiGet<{ months: Array<{ month: string }> }>(session.server.baseUrl, null, '/api/public/orgs/cy/reports');
  return months[0].month;
}

it('says a month is not published yet in the 公示 tab, and opens the latest one from there', async () => {
  const base = session.server.baseUrl;
  const latest = await latestMonth();
  await session.loginAs('worker_duanwei');
  await open(`${base}/#/pages/public/index?org=cy&month=2025-03`);
  const missing = session.visible('#month-missing');
  await missing.waitFor();
  const text = await missing.innerText();
  expect(text).toContain('还没有这个月的公示');
  expect(text).toContain('2025年3月的公示还没有发布');
  expect(text).not.toMatch(/REPORT_|404|\{/);
  await session.page.screenshot({ path: screenshotPath('public-missing-1-month') });
  await session.visible('#latest-report').tap();
  await session.visible('#report-headline').waitFor();
  expect(await session.visible('#report-headline').innerText()).toContain(`赤峪煤矿 ${monthLabel(latest)}诉求办理情况`);
  expect(await session.visible('#month-missing').count()).toBe(0);
}, 60_000);

it('opens the month a shared link names', async () => {
  const base = session.server.baseUrl;
  const latest = await latestMonth();
  await open(`${base}/#/pages/public/index?org=cy&month=${latest}`);
  await session.visible('#report-headline').waitFor();
  expect(await session.visible('#report-headline').innerText()).toContain(monthLabel(latest));
}, 60_000);

it('says the mine was not found in the 公示 tab, without a retry that cannot help', async () => {
  const base = session.server.baseUrl;
  await open(`${base}/#/pages/public/index?org=nosuchmine`);
  const missing = session.visible('#org-missing');
  await missing.waitFor();
  expect(await missing.innerText()).toContain('没有找到这个矿');
  expect(await session.visible('.mq-shell--error').count()).toBe(0);
  await session.page.screenshot({ path: screenshotPath('public-missing-2-mine') });
  // The phone's mine again for the tests after this one.
  await open(`${base}/#/pages/public/index?org=cy`);
  await session.visible('#report-headline').waitFor();
}, 60_000);

it("answers the official account's page in a browser with a Chinese page, 404, for both", async () => {
  const base = session.server.baseUrl;
  const latest = await latestMonth();
  const month = await session.page.goto(`${base}/p/cy/reports/2025-03`);
  expect(month?.status()).toBe(404);
  expect(await session.page.locator('#missing').innerText()).toContain('还没有这个月的公示');
  await session.page.locator('#latest-report').click();
  await session.page.waitForURL(new RegExp(`/p/cy/reports/${latest}$`));
  expect(await session.page.locator('#headline').innerText()).toContain('回复率');

  const mine = await session.page.goto(`${base}/p/nosuchmine/resolved`);
  expect(mine?.status()).toBe(404);
  const text = await session.page.locator('body').innerText();
  expect(text).toContain('没有找到这个矿');
  expect(text).not.toMatch(/ORG_UNKNOWN|statusCode|\{/);
  await session.page.screenshot({ path: screenshotPath('public-missing-3-page') });
}, 60_000);
