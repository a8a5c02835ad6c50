// Hardship relief in the browser: the office proposes ¥150 (inside WeChat Pay's default ¥200 a transfer)
// on a 困难救助 appeal, a leader and the party secretary (the named approver) approve, the worker taps
// 领取救助金 — in H5 the WeChat Pay simulator stands in for WeChat's confirmation — and sees it arrive.
// Screenshots kept.
import { screenshotPath } from '../support/browser.js';
import { apiAct, apiLogin, apiSubmit } from '../support/api.js';
import { useBrowserSession } from '../support/browser-session.js';

const session = useBrowserSession();
const { loginAs, visible } = session;

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
