// 退单 in the app, at phone size, through the UI only: the head of 后勤管理部 finds a sheet that is not
// theirs in the workbench, sends it back with a reason (asked once more: it cannot be undone), and no
// longer has it; the leader who issued it finds it again in 待批办, marked 已退回 with the reason. The taps
// of each step are counted (printed as a table) and every step's screenshot kept.
import { apiAct, apiLogin, apiSubmit } from '../support/api.js';
import { screenshotPath } from '../support/browser.js';
import { useBrowserSession } from '../support/browser-session.js';

const session = useBrowserSession();
const { loginAs, visible } = session;

it('lets a department send a misrouted sheet back with a reason, and shows the leader it came back', async () => {
  const base = session.server.baseUrl;
  const worker = await apiLogin(base, 'worker_send_back');
  const { id, serial } = await apiSubmit(base, worker, {
    org: 'cy',
    category: 'advice',
    place: 'dorm1',
    identity: 'named',
    content: '宿舍楼顶的大喇叭每天早上六点就放广播,夜班职工白天休息不好',
    publishConsent: false,
  });
  await apiAct(base, await apiLogin(base, 'cy_office'), id, 'accept');
  await apiAct(base, await apiLogin(base, 'cy_leader'), id, 'dispatch', { department: 'logistics', instructions: '请后勤管理部调低广播音量' });

  const taps: Array<[step: string, taps: number]> = [];
  let count = 0;
  const tap = async (selector: string) => {
    await visible(selector).first().tap();
    count++;
  };
  const done = (step: string) => {
    taps.push([step, count]);
    count = 0;
  };
  const openWorkbench = async (openid: string) => {
    await loginAs(openid);
    // The 我的 tab by its address (Taro's tab bar links are javascript:, refused by the page's CSP): one tap.
    await session.page.goto(`${base}/#/pages/profile/index`);
    count++;
    await tap('#open-workbench');
    await visible('#inbox-tabs').waitFor();
  };

  // 1. The department head opens the sheet from the workbench.
  await openWorkbench('cy_logistics');
  await tap(`.staff-item[data-serial="${serial}"]`);
  await visible('#staff-serial').waitFor();
  done('部门打开批办单');

  // 2. 退单, with the reason; the confirmation says what it does, and 再想想 changes nothing.
  const reason = '广播喇叭归党群工作部管理,不属于后勤管理部职责';
  const button = visible('.action-button[data-action="send-back"]');
  expect(await button.innerText()).toBe('退单');
  expect(await button.getAttribute('class')).toContain('mq-button--danger');
  await tap('.action-button[data-action="send-back"]');
  await visible('#action-form-send-back').waitFor();
  await tap('[data-field="reason"] textarea');
  await visible('[data-field="reason"] textarea').fill(reason);
  await tap('.action-form__submit');
  await session.page.locator('.taro-modal__title', { hasText: '确定退单?' }).waitFor();
  expect(await session.page.locator('.taro-modal__content').innerText()).toContain('退回给批办人重新批办');
  await session.settle();
  await session.page.screenshot({ path: screenshotPath('send-back-1-confirm') });
  await session.page.locator('.taro-modal__foot >> text=退单').tap();
  count++;
  // Back in the queue, where it is gone.
  await visible('#inbox-tabs').waitFor();
  await session.page.waitForFunction(() => !!document.querySelector('.staff-item') || !!document.querySelector('.mq-empty'));
  done('退单(填理由并确认)');
  await session.settle(true);
  expect(await session.page.locator(`.staff-item[data-serial="${serial}"]:visible`).count()).toBe(0);
  await session.page.screenshot({ path: screenshotPath('send-back-2-gone-from-department') });

  // 3. The leader: 待批办 has it again, marked 已退回 with the department and the reason.
  await openWorkbench('cy_leader');
  await tap('.inbox-tab[data-code="to-dispatch"]');
  const row = visible(`.staff-item[data-serial="${serial}"]`);
  await row.waitFor();
  done('领导在待批办看到退回');
  const text = await row.innerText();
  for (const words of ['已退回', `后勤管理部:${reason}`, '已受理']) expect(text).toContain(words);
  await session.page.screenshot({ path: screenshotPath('send-back-3-leader-inbox') });
  await tap(`.staff-item[data-serial="${serial}"]`);
  await visible('#sent-back').waitFor();
  expect(await visible('#sent-back').innerText()).toContain(reason);
  expect(await visible('.timeline-item--sent_back').innerText()).toContain(`后勤管理部退回批办单:${reason}`);
  await session.page.screenshot({ path: screenshotPath('send-back-4-leader-appeal'), fullPage: true });

  console.log(['| 步骤 | 点按次数 |', '|---|---|', ...taps.map(([step, n]) => `| ${step} | ${n} |`)].join('\n'));
}, 120_000);
