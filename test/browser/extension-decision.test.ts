// A department asks for more time, in the app; the leader reads the request on the appeal page and
// decides it with one tap. The buttons are there exactly when the status machine lets this person
// decide (a pending request, a leader), and the generic action bar never offers the decision twice.
import { apiAct, apiLogin, apiSubmit } from '../support/api.js';
import { screenshotPath } from '../support/browser.js';
import { pickDate } from '../support/date-picker.js';
import { useBrowserSession } from '../support/browser-session.js';

const session = useBrowserSession();
const { visible, openAsStaff } = session;

it('lets the department ask for more time and the leader grant it in one tap', async () => {
  const base = session.server.baseUrl;
  const worker = await apiLogin(base, 'worker_ext_decision');
  const { id } = await apiSubmit(base, worker, { org: 'cy', category: 'living', content: '澡堂三号喷头坏了一个星期了,洗澡要排很久', identity: 'named', publishConsent: false });
  const office = await apiLogin(base, 'cy_office');
  await apiAct(base, office, id, 'accept');
  await apiAct(base, await apiLogin(base, 'cy_leader'), id, 'dispatch', { department: 'logistics', instructions: '请后勤管理部尽快更换喷头' });
  const department = await apiLogin(base, 'cy_logistics');
  await apiAct(base, department, id, 'acknowledge');

  // The department head asks for more time through the form.
  await openAsStaff('cy_logistics', id);
  await visible('.action-button[data-action="extension"]').tap();
  await visible('#action-form-extension').waitFor();
  // A month from today at the mine, picked on the date wheel; the form says which day it will be.
  const until = new Date(Date.now() + 8 * 3600_000 + 30 * 86_400_000).toISOString().slice(0, 10);
  const [, month, day] = until.split('-').map(Number);
  expect(await visible('[data-field="until"] .date-hint__read').innerText()).toBe('请选日期');
  await pickDate(session.page, '#date-until', until);
  expect(await visible('#date-until').innerText()).toMatch(new RegExp(`^${month}月${day}日\\(周.\\)$`));
  expect(await visible('[data-field="until"] .date-hint__read').innerText()).toContain(`按 ${month}月${day}日(周`);
  await visible('[data-field="reason"] textarea').fill('喷头配件需要厂家寄送');
  await visible('.action-form__submit').tap();
  await visible('#pending-extension').waitFor();
  // The department sees its request, but nothing to decide.
  expect(await session.page.locator('#approve-extension').count()).toBe(0);
  expect(await session.page.locator('.action-button[data-action="extension-decision"]').count()).toBe(0);

  // The leader reads the request and approves it: one tap.
  await openAsStaff('cy_leader', id);
  expect(await visible('#pending-extension').innerText()).toContain('喷头配件需要厂家寄送');
  expect(await session.page.locator('.action-button[data-action="extension-decision"]').count()).toBe(0);
  await visible('#approve-extension').tap();
  await visible('.timeline-item--extension_decided').waitFor();
  expect(await visible('.timeline-item--extension_decided').innerText()).toContain('同意延期');
  // Decided: the request and its buttons are gone.
  expect(await session.page.locator('#approve-extension').count()).toBe(0);
  await session.settle(true);
  await session.page.screenshot({ path: screenshotPath('extension-decided-by-leader') });
});
