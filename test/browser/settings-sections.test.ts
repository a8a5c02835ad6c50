// The administrator's settings screens through the UI, at phone size: 困难救助金 — the month's budget with
// what is committed of it, typed in yuan (a wrong amount answered in Chinese before anything is sent), the
// approver picked by name, the per-transfer window — and 新诉求提醒, a clerk's to-do message of new appeals
// turned off and on. No openid, code or time zone name on the screen. Screenshots kept.
import { apiGet, apiLogin } from '../support/api.js';
import { screenshotPath } from '../support/browser.js';
import { useBrowserSession } from '../support/browser-session.js';

const session = useBrowserSession();
const { visible } = session;

it('saves the relief budget and approver, and a clerk’s new-appeal message, in Chinese throughout', async () => {
  const { page } = session;
  const base = session.server.baseUrl;
  await session.loginAs('cy_admin');
  await page.goto(`${base}/#/pages/profile/index`);
  await visible('#open-setup').tap();
  await visible('#relief-settings-card #relief-budget-line').waitFor();

  // The demo's budget: ¥10,000 a month, the party secretary the approver.
  expect(await visible('#relief-budget-line').innerText()).toMatch(/^\d{4}年\d{1,2}月预算 ¥10,000\.00,已批 ¥[\d,]+\.\d{2},还剩 ¥[\d,]+\.\d{2}$/);
  expect(await visible('.relief-approver-chip.mq-chip--on').innerText()).toBe('张毅(矿领导)');
  expect(await visible('#relief-window').innerText()).toContain('每笔救助金 ¥0.10 至');

  await visible('#relief-budget input').fill('12.345');
  await visible('#save-relief-settings').tap();
  expect(await visible('#relief-settings-card .mq-error').innerText()).toBe('每月预算请填写金额(元),如 10000 或 10000.50');

  await visible('#relief-budget input').fill('12000.5');
  await visible('.relief-approver-chip').filter({ hasText: '李副矿长' }).tap();
  await visible('#save-relief-settings').tap();
  await page.waitForFunction(() => document.querySelector('#relief-budget-line')?.textContent?.includes('预算 ¥12,000.50'));
  expect(await visible('.relief-approver-chip.mq-chip--on').innerText()).toBe('李副矿长(矿领导)');
  const admin = await apiLogin(base, 'cy_admin');
  expect(await apiGet(base, admin, '/api/admin/relief-settings')).toMatchObject({ monthlyBudgetFen: 1_200_050, approver: { openid: 'cy_leader' } });

  // 新诉求提醒: 王艳丽's to-do message off, then on again.
  const clerk = visible('.office-todo-row').filter({ hasText: '王艳丽' });
  await clerk.scrollIntoViewIfNeeded();
  await clerk.locator('.office-todo-switch').tap();
  const read = async () => ((await apiGet(base, admin, '/api/admin/notification-settings')) as { office: Array<{ name: string; newAppeals: boolean }> }).office;
  /** The save follows the tap: ask the server until it has it (or 10 s pass). */
  const settled = async (on: boolean) => {
    for (let i = 0; i < 50 && (await read())[0]?.newAppeals !== on; i++) await page.waitForTimeout(200);
    return read();
  };
  expect(await settled(false)).toEqual([{ openid: 'cy_office', name: '王艳丽', newAppeals: false }]);
  expect(await visible('#notifications-card').innerText()).toContain('企业微信群:已开启');
  await session.settle(true);
  await page.screenshot({ path: screenshotPath('settings-1-relief-and-new-appeals'), fullPage: true });
  await clerk.locator('.office-todo-switch').tap();
  expect(await settled(true)).toEqual([{ openid: 'cy_office', name: '王艳丽', newAppeals: true }]);

  // Nothing a clerk cannot read: no openid, no code, no time zone name, no id.
  const text = (await visible('#relief-settings-card').innerText()) + (await visible('#notifications-card').innerText());
  expect(text).not.toMatch(/cy_|Asia\/|[0-9a-f]{8}-[0-9a-f]{4}|[A-Z_]{6,}|null|undefined/);
}, 120_000);
