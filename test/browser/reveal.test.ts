// Seeing a confidential worker's contact in the browser: the office asks with a reason and waits
// (等待审批), the party secretary approves on the same appeal page, the office reads the contact, and
// the worker finds on their own timeline that the office looked. Screenshots kept.
import { screenshotPath } from '../support/browser.js';
import { apiLogin, apiSubmit } from '../support/api.js';
import { useBrowserSession } from '../support/browser-session.js';

const session = useBrowserSession();
const { loginAs, visible } = session;

it("lets the office read a confidential worker's contact only after the secretary approves", async () => {
  const base = session.server.baseUrl;
  const worker = await apiLogin(base, 'worker_huangzhanchao');
  const appeal = await apiSubmit(base, worker, { org: 'cy', category: 'rights', identity: 'confidential', content: '工资条上的扣税项目看不懂,想请人解释一下' });

  await session.openAsStaff('cy_office', appeal.id);
  expect(await visible('#staff-submitter').innerText()).not.toContain('黄占超');
  await visible('#reveal-reason textarea').fill('回访需要与职工电话沟通');
  await visible('#request-reveal').tap();
  await visible('#reveal-panel [data-state="pending"]').waitFor();
  expect(await visible('#reveal-panel').innerText()).toContain('等待审批');
  await session.page.screenshot({ path: screenshotPath('reveal-1-pending') });

  await session.openAsStaff('cy_secretary', appeal.id);
  await visible('#approve-reveal').tap();
  await visible('#reveal-panel [data-state="approved"]').waitFor();
  await session.settle(true);

  await session.openAsStaff('cy_office', appeal.id);
  await visible('#read-contact').tap();
  await visible('#revealed-contact').waitFor();
  expect(await visible('#revealed-contact').innerText()).toContain('黄占超');
  await session.page.screenshot({ path: screenshotPath('reveal-2-contact') });

  await loginAs('worker_huangzhanchao');
  await session.page.goto(`${base}/#/pages/detail/index?id=${appeal.id}`);
  await session.page.getByText('党群工作部因回访需要查看了您的联系方式').first().waitFor();
  await session.settle();
  await session.page.screenshot({ path: screenshotPath('reveal-3-worker-told') });
}, 90_000);
