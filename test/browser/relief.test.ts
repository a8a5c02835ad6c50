// Hardship relief in the browser: the office proposes ¥150 (inside WeChat Pay's default ¥200 a transfer)
// on a 困难救助 appeal, a leader and the party secretary (the named approver) approve, the worker taps
// 领取救助金 — in H5 the WeChat Pay simulator stands in for WeChat's confirmation — and sees it arrive.
// And a relief the office withdraws before the worker claims it: no 领取, and a sentence saying why.
// Screenshots kept.
import type { ReliefView } from '@minqing/shared';
import { screenshotPath } from '../support/browser.js';
import { apiAct, apiGet, apiLogin, apiSubmit } from '../support/api.js';
import { useBrowserSession } from '../support/browser-session.js';

const session = useBrowserSession();
const { loginAs, visible } = session;

/** A POST through the real API that must answer `status`. */
async function apiPost<T>(token: string, path: string, body: object, status: number): Promise<T> {
  const response = await fetch(`${session.server.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (response.status !== status) throw new Error(`POST ${path} failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The appeal on the workbench, its relief panel drawn. */
async function openAsStaff(openid: string, id: string) {
  await session.openAsStaff(openid, id);
  await visible('#relief-panel').waitFor();
  await session.settle();
}

it("pays hardship relief to the worker's wallet after two approvals", async () => {
  const base = session.server.baseUrl;
  const worker = await apiLogin(base, 'worker_liyunfang');
  const appeal = await apiSubmit(base, worker, { org: 'cy', category: 'hardship', identity: 'confidential', content: '爱人重病住院,家里两个孩子上学,生活困难,申请救助' });
  await apiAct(base, await apiLogin(base, 'cy_office'), appeal.id, 'accept');

  await openAsStaff('cy_office', appeal.id);
  await visible('#relief-amount input').fill('150');
  await visible('#relief-reason textarea').fill('经党群工作部走访核实,家庭确有困难');
  await visible('#propose-relief').tap();
  await visible('.relief-row[data-state="proposed"]').waitFor();

  for (const approver of ['cy_leader', 'cy_secretary']) {
    await openAsStaff(approver, appeal.id);
    await visible('.approve-relief').tap();
    await session.settle(true);
  }
  await visible('.relief-row[data-state="wait_user_confirm"]').waitFor();
  expect(await visible('.relief-row').innerText()).toContain('¥150.00');
  await session.page.screenshot({ path: screenshotPath('relief-1-approved') });

  await loginAs('worker_liyunfang');
  await session.page.goto(`${base}/#/pages/detail/index?id=${appeal.id}`);
  await visible('#claim-relief').tap();
  await visible('.relief-item[data-state="paid"]').waitFor();
  expect(await visible('#relief-claim').innerText()).toContain('已到账');
  await session.settle();
  await session.page.screenshot({ path: screenshotPath('relief-2-worker-paid') });
}, 90_000);

it('withdraws a relief the worker has not claimed: the worker sees no 领取 button, and why', async () => {
  const base = session.server.baseUrl;
  const workerOpenid = 'worker_huangzhanchao';
  const worker = await apiLogin(base, workerOpenid);
  const appeal = await apiSubmit(base, worker, { org: 'cy', category: 'hardship', identity: 'confidential', content: '家里房子漏雨需要修缮,生活困难,申请救助' });
  const office = await apiLogin(base, 'cy_office');
  await apiAct(base, office, appeal.id, 'accept');
  const relief = await apiPost<ReliefView>(office, `/api/appeals/${appeal.id}/relief`, { amountFen: 12_000, reason: '经走访核实,家庭确有困难' }, 201);
  for (const approver of ['cy_leader', 'cy_secretary']) await apiPost(await apiLogin(base, approver), `/api/relief/${relief.id}/decision`, { approve: true }, 200);

  await openAsStaff('cy_office', appeal.id);
  await visible('.withdraw-relief').tap();
  await visible('#withdraw-reason textarea').fill('金额填错了,重新申请');
  await visible('#confirm-withdraw').tap();
  await visible('.relief-row[data-state="cancelling"], .relief-row[data-state="cancelled"]').waitFor();
  await session.page.screenshot({ path: screenshotPath('relief-3-withdrawn') });
  // WeChat Pay's CANCELLED notice settles it.
  for (let i = 0; i < 50; i++) {
    const { items } = await apiGet<{ items: ReliefView[] }>(base, office, `/api/appeals/${appeal.id}/relief`);
    if (items[0].state === 'cancelled') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  await loginAs(workerOpenid);
  await session.page.goto(`${base}/#/pages/detail/index?id=${appeal.id}`);
  await visible('.relief-item[data-state="cancelled"]').waitFor();
  expect(await visible('#relief-claim').innerText()).toContain('这笔救助金已撤回,钱没有转出。如有疑问请联系党群工作部');
  expect(await session.page.locator('#claim-relief').count()).toBe(0);
  await session.settle();
  await session.page.screenshot({ path: screenshotPath('relief-4-worker-withdrawn') });
}, 90_000);
