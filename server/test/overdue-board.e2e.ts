// 督办看板 through the API on both engines: the appeals past their department's deadline now, counted by
// department and by the person the sheet names; an answered one is no longer late; a department reads
// its own only; a worker reads nothing. The figures are checked against the appeals' own due times.
import type { OverdueBoardView, StaffDirectoryView } from '@minqing/shared';
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp, type TestApp } from './support/test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const HOUR = 3600_000;
const DAY = 24 * HOUR;

async function step(t: TestApp, token: string, id: string, action: string, body: object = {}) {
  const response = await act(t, token, id, action, body);
  if (response.status !== 200) throw new Error(`${action}: ${response.status} ${JSON.stringify(response.body)}`);
}

async function board(t: TestApp, token: string): Promise<OverdueBoardView> {
  const response = await t.http().get('/api/overdue-board').set(auth(token));
  expect(response.status).toBe(200);
  return response.body as OverdueBoardView;
}

describe.each(enginesUnderTest())('督办看板 on %s', (engine) => {
  const ctx = useTestApp(engine, { APPEAL_LIMIT_PER_10_MINUTES: '100', APPEAL_LIMIT_PER_DAY: '100' });
  afterEach(() => ctx.t.setNow(null));

  it('counts what is late now by department and by person, and each department reads its own', async () => {
    const { t, org } = ctx;
    const start = new Date('2026-11-02T01:00:00Z');
    t.setNow(start);
    const [office, leader, logistics, payroll] = await Promise.all(
      [org.staff.coordinator, org.staff.leader, org.staff.logistics, org.staff.payroll].map((openid) => t.login(openid)),
    );
    const worker = await t.login(uniqueName('board_worker'));
    const directory = (await t.http().get('/api/staff/directory').set(auth(leader))).body as StaffDirectoryView;
    const logisticsHead = directory.departments.find((d) => d.code === 'logistics')!.handlers[0];

    // Five sent to 后勤 (two of them to its head by name), two to 劳资, an hour apart; one of 后勤's is answered.
    const sent: Array<{ id: string; department: string; assignee?: string }> = [];
    for (const [department, assignee] of [
      ['logistics', logisticsHead.id],
      ['logistics', logisticsHead.id],
      ['logistics', undefined],
      ['logistics', undefined],
      ['payroll', undefined],
      ['logistics', undefined],
      ['payroll', undefined],
    ] as const) {
      t.setNow(new Date(start.getTime() + sent.length * HOUR));
      const { body } = await submitAppeal(t, worker, validAppeal(org.code, { content: `第${sent.length + 1}件:宿舍楼的暖气片不热,晚上冻得睡不着` }));
      await step(t, office, body.id, 'accept');
      await step(t, leader, body.id, 'dispatch', { department, instructions: '请尽快处理', ...(assignee ? { assignee } : {}) });
      sent.push({ id: body.id, department, assignee });
    }
    const answered = sent[5];
    await step(t, logistics, answered.id, 'acknowledge');
    await step(t, logistics, answered.id, 'respond', { outcome: 'resolved', text: '已经修好了' });

    // Nothing is late before the deadlines.
    expect((await board(t, leader)).total).toBe(0);

    const now = new Date(start.getTime() + 40 * DAY);
    t.setNow(now);
    const read = await board(t, leader);
    expect(read.total).toBe(6);
    expect(read.departments.map((d) => [d.department.name, d.count])).toEqual([
      ['后勤管理部', 4],
      ['劳资部', 2],
    ]);
    const logisticsRow = read.departments[0];
    expect(logisticsRow.people).toEqual([
      { name: logisticsHead.name, count: 2 },
      { name: null, count: 2 },
    ]);
    // The longest late is the first appeal sent, by its own due time.
    const list = await t.http().get('/api/appeals?queue=overdue&sort=due&limit=10').set(auth(leader));
    expect(list.body.items).toHaveLength(6);
    const first = list.body.items.find((i: { id: string }) => i.id === sent[0].id);
    expect(logisticsRow.longestHoursLate).toBe(Math.floor((now.getTime() - Date.parse(first.dueAt)) / 3600_000));
    expect(logisticsRow.longestHoursLate).toBeGreaterThan(30 * 24);

    // The office reads the same; a department its own; a worker nothing.
    expect((await board(t, office)).departments).toEqual(read.departments);
    const own = await board(t, payroll);
    expect(own.departments.map((d) => d.department.code)).toEqual(['payroll']);
    expect(own.total).toBe(2);
    expect((await t.http().get('/api/overdue-board').set(auth(worker))).status).toBe(403);

    // Answered now, the 劳资部 appeals are no longer late.
    for (const { id } of sent.filter((s) => s.department === 'payroll')) {
      await step(t, payroll, id, 'acknowledge');
      await step(t, payroll, id, 'respond', { outcome: 'explained', text: '补贴已按规定核算,下月随工资发放' });
    }
    const after = await board(t, leader);
    expect(after.total).toBe(4);
    expect(after.departments.map((d) => d.department.code)).toEqual(['logistics']);
  });
});
