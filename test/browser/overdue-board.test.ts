// The leader on the way to a meeting, through the UI only at phone size: from 我的 to the workbench to
// 督办看板, where the late appeals are counted by department and by the person on the sheet, the longest
// late listed; a tap opens one. The figures on the screen are the server's; the taps are counted.
import type { OverdueBoardView } from '@minqing/shared';
import { apiAct, apiGet, apiLogin, apiSubmit } from '../support/api.js';
import { screenshotPath } from '../support/browser.js';
import { useBrowserSession } from '../support/browser-session.js';

const session = useBrowserSession();
const { loginAs, visible } = session;

it('shows a leader what is late now, by department and by person, in three taps from 我的', async () => {
  const base = session.server.baseUrl;
  const office = await apiLogin(base, 'cy_office');
  const leader = await apiLogin(base, 'cy_leader');
  const directory = await apiGet<{ departments: Array<{ code: string; handlers: Array<{ id: string; name: string | null }> }> }>(base, leader, '/api/staff/directory');
  const head = directory.departments.find((d) => d.code === 'logistics')!.handlers[0];
  // Two sheets a department let slip: dispatched with deadlines a few seconds ahead, which pass — one names the head.
  const late: Array<{ id: string; serial: string }> = [];
  for (const [i, assignee] of [head.id, undefined].entries()) {
    const appeal = await apiSubmit(base, await apiLogin(base, `board_worker_${i}`), {
      org: 'cy',
      category: 'living',
      place: 'canteen',
      identity: 'named',
      content: `食堂第${i + 1}个窗口的暖气漏水,地面很滑`,
    });
    await apiAct(base, office, appeal.id, 'accept');
    await apiAct(base, leader, appeal.id, 'dispatch', {
      department: 'logistics',
      instructions: '请后勤管理部马上修',
      dueAt: new Date(Date.now() + 3000).toISOString(),
      reason: '漏水地滑,容易摔倒',
      ...(assignee ? { assignee } : {}),
    });
    late.push(appeal);
  }
  await new Promise((resolve) => setTimeout(resolve, 4000));
  const expected = await apiGet<OverdueBoardView>(base, leader, '/api/overdue-board');
  const logistics = expected.departments.find((d) => d.department.code === 'logistics')!;
  expect(logistics.people.find((p) => p.name === head.name)?.count).toBeGreaterThanOrEqual(1);

  await loginAs('cy_leader');
  let taps = 0;
  const tap = async (selector: string) => {
    await visible(selector).first().tap();
    taps++;
  };
  await session.page.goto(`${base}/#/pages/profile/index`);
  await tap('#open-workbench');
  await tap('#open-board');
  const total = visible('#board-total');
  await total.waitFor();
  expect(await total.innerText()).toContain(`现在逾期未办\n${expected.total} 件`);
  const row = visible('.board-department[data-code="logistics"]');
  const text = await row.innerText();
  expect(text).toContain(`后勤管理部`);
  expect(text).toContain(`逾期 ${logistics.count} 件`);
  expect(text).toContain(`${head.name}:${logistics.people.find((p) => p.name === head.name)!.count} 件`);
  expect(text).toContain('未指定经办人');
  // Seconds late, not an hour.
  expect(text).toContain(logistics.longestHoursLate < 1 ? '最久的已超期 不到1小时' : '最久的已超期');
  expect(await visible('#board-month').innerText()).toContain('后勤管理部');
  // The longest late first: both of these are listed, and a tap opens one.
  for (const { serial } of late) await visible(`#board-longest .staff-item[data-serial="${serial}"]`).waitFor();
  await session.settle();
  await session.page.screenshot({ path: screenshotPath('board-1-leader'), fullPage: true });
  await tap(`#board-longest .staff-item[data-serial="${late[0].serial}"]`);
  expect(await visible('#staff-serial').innerText()).toContain(late[0].serial);
  expect(taps).toBe(3);
}, 120_000);
