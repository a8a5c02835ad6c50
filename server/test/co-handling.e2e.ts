// 主办/协办 through the API on both engines: one sheet names a lead department (主办) and co-handling ones
// (协办). Each co-handling department finds the appeal in its 协办 tab, reads it as the department on the
// sheet does, answers its part once (协办意见) against a deadline step of its own, writes internal notes as
// itself; the lead hears of each part, and its answer closes the department stage. An amended sheet keeps
// the parts given by departments that stay on it; a 退单 takes them all off. On MariaDB, 20 parallel
// 协办意见 of one department: one is kept.
import type { AppealView, OverdueBoardView, StaffAppealSummaryView } from '@minqing/shared';
import { OrgRepository } from '../src/org/org.repository.js';
import { ReportFiguresBuilder } from '../src/reports/report-figures.js';
import { DeadlineRunner } from '../src/deadlines/deadline-runner.js';
import { OutboxDispatcher } from '../src/notifications/outbox-dispatcher.js';
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { enginesUnderTest, type EngineName } from './support/test-databases.js';
import { uniqueName, useTestApp, type TestApp } from './support/test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const view = async (t: TestApp, token: string, id: string) => {
  const response = await t.http().get(`/api/appeals/${id}`).set(auth(token));
  expect(response.status).toBe(200);
  return response.body as AppealView;
};
const list = async (t: TestApp, token: string, query: string) => {
  const response = await t.http().get(`/api/appeals?${query}`).set(auth(token));
  expect(response.status).toBe(200);
  return response.body as { items: StaffAppealSummaryView[]; counts?: Record<string, number> };
};
const notices = async (t: TestApp, token: string, id: string) =>
  ((await t.http().get('/api/me/notices').set(auth(token))).body.items as Array<{ appealId: string; title: string; body: string }>).filter((n) => n.appealId === id);
/** The webhook key of a department's group robot in the test organisation. */
async function robotKey(t: TestApp, orgCode: string, department: string): Promise<string> {
  const [row] = await t.db.query('SELECT d.robot_key AS robotKey FROM departments d JOIN organizations o ON o.id = d.org_id WHERE o.code = ? AND d.code = ?', [
    orgCode,
    department,
  ]);
  return row.robotKey ?? row.robotkey;
}
const times = <T>(n: number, make: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => make(i)));

async function coDispatched(t: TestApp, org: { code: string; staff: Record<string, string> }) {
  const worker = await t.login(uniqueName('co_worker'));
  const [office, leader, logistics, payroll] = await Promise.all([org.staff.coordinator, org.staff.leader, org.staff.logistics, org.staff.payroll].map((o) => t.login(o)));
  const { body: submitted } = await submitAppeal(t, worker, validAppeal(org.code, { content: '宿舍楼顶的大喇叭每天早上六点响,夜班职工休息不好' }));
  expect((await act(t, office, submitted.id, 'accept')).status).toBe(200);
  const sent = await act(t, leader, submitted.id, 'dispatch', {
    department: 'logistics',
    coDepartments: ['payroll', 'party'],
    instructions: '后勤管理部调低音量,劳资部核对夜班名单',
  });
  expect(sent.status).toBe(200);
  return { id: submitted.id as string, serial: submitted.serial as string, worker, office, leader, logistics, payroll };
}

describe.each(enginesUnderTest())('主办/协办 on %s', (engine) => {
  const ctx = useTestApp(engine, { APPEAL_LIMIT_PER_10_MINUTES: '100', APPEAL_LIMIT_PER_DAY: '100' });

  it('refuses a sheet whose co-handling departments repeat the lead or each other, or do not exist', async () => {
    const { t, org } = ctx;
    const worker = await t.login(uniqueName('co_worker'));
    const [office, leader] = await Promise.all([org.staff.coordinator, org.staff.leader].map((o) => t.login(o)));
    const { body } = await submitAppeal(t, worker, validAppeal(org.code));
    await act(t, office, body.id, 'accept');
    for (const [co, code] of [
      [['logistics'], 'CO_DEPARTMENT_INVALID'],
      [['payroll', 'payroll'], 'CO_DEPARTMENT_INVALID'],
      [['nowhere'], 'DEPARTMENT_UNKNOWN'],
    ] as const) {
      const refused = await act(t, leader, body.id, 'dispatch', { department: 'logistics', coDepartments: co, instructions: '请处理' });
      expect([refused.status, refused.body.code, /[\u4e00-\u9fa5]/.test(refused.body.message)]).toEqual([422, code, true]);
    }
    expect((await view(t, leader, body.id)).status).toBe('accepted');
  });

  it('gives each co-handling department its queue, its deadline and its part; the lead answers and closes the stage', async () => {
    const { t, org } = ctx;
    const { id, serial, worker, leader, logistics, payroll } = await coDispatched(t, org);

    // The sheet as the leader sees it: the lead, the co-handling departments, a step of its own for each.
    const seen = await view(t, leader, id);
    expect(seen.staff!.department).toEqual({ code: 'logistics', name: '后勤管理部' });
    expect(seen.staff!.sheets.at(-1)!.coDepartments).toEqual([
      { code: 'payroll', name: '劳资部' },
      { code: 'party', name: '党群工作部' },
    ]);
    expect(seen.staff!.coHandling!.map((c) => [c.department.name, c.answer])).toEqual([
      ['劳资部', null],
      ['党群工作部', null],
    ]);
    const openAnswers = () =>
      view(t, leader, id).then((v) =>
        v
          .staff!.steps.filter((s) => s.step === 'answer' && !s.cancelled)
          .map((s) => [s.department, s.metAt !== null])
          .sort(),
      );
    expect(await openAnswers()).toEqual([
      ['党群工作部', false],
      ['劳资部', false],
      ['后勤管理部', false],
    ]);
    const dueAt = seen.staff!.dueAt;
    expect(new Set(seen.staff!.steps.filter((s) => s.step === 'answer').map((s) => s.dueAt))).toEqual(new Set([dueAt]));
    expect((await notices(t, payroll, id)).map((n) => n.title)).toEqual(['新的协办单']);
    expect((await notices(t, payroll, id))[0].body).toBe(
      `诉求 ${serial} 由后勤管理部主办,请劳资部协办,在 ${(await notices(t, payroll, id))[0].body.match(/在 (.+) 前/)![1]} 前提出协办意见。`,
    );

    // 劳资部: in its 协办 tab (counted), not in the lead's own tabs; it may answer its part and nothing else.
    const coTab = await list(t, payroll, 'queue=co_handling');
    expect(coTab.items.find((a) => a.id === id)).toMatchObject({ department: { name: '后勤管理部' }, coDepartments: [{ name: '劳资部' }, { name: '党群工作部' }] });
    expect((await list(t, payroll, '')).counts!.co).toBeGreaterThanOrEqual(1);
    expect((await list(t, payroll, 'status=dispatched')).items.map((a) => a.id)).not.toContain(id);
    expect((await list(t, logistics, 'queue=co_handling')).items.map((a) => a.id)).not.toContain(id);
    const asCo = await view(t, payroll, id);
    expect(asCo.allowedActions).toEqual(['co-answer']);
    for (const action of ['acknowledge', 'respond', 'send-back', 'extension'])
      expect([
        action,
        (await act(t, payroll, id, action, { outcome: 'resolved', text: '已办', reason: '不归我', until: new Date(Date.now() + 9e8).toISOString() })).status,
      ]).toEqual([action, 403]);
    // Its internal note is its own department's.
    expect((await t.http().post(`/api/appeals/${id}/notes`).set(auth(payroll)).send({ text: '夜班名单已调出' })).status).toBe(201);
    expect((await view(t, leader, id)).staff!.notes.map((n) => [n.unit, n.text])).toEqual([['劳资部', '夜班名单已调出']]);

    // 协办意见: once; the line names 劳资部 and the person; its step is met; the lead hears of it.
    const part = '劳资部已核对夜班名单,共 23 人受影响';
    const answered = await act(t, payroll, id, 'co-answer', { text: part });
    expect(answered.status).toBe(200);
    expect(answered.body.allowedActions).toEqual([]);
    const again = await act(t, payroll, id, 'co-answer', { text: '再说一遍' });
    expect([again.status, again.body.code]).toEqual([409, 'CO_ANSWER_DONE']);
    const afterPart = await view(t, leader, id);
    expect(afterPart.timeline.find((e) => e.type === 'co_answered')).toMatchObject({ actor: '劳资部', person: '劳资员', text: `劳资部协办意见:${part}` });
    expect(afterPart.staff!.coHandling!.find((c) => c.department.code === 'payroll')).toMatchObject({ answer: part, answeredBy: '劳资员', answeredAt: expect.any(String) });
    expect(await openAnswers()).toEqual([
      ['党群工作部', false],
      ['劳资部', true],
      ['后勤管理部', false],
    ]);
    expect((await notices(t, logistics, id)).map((n) => n.title)).toContain('协办意见已提出');
    // The worker: none of the parts, nor the co-handling departments' lines.
    const own = await view(t, worker, id);
    expect(JSON.stringify(own)).not.toContain(part);
    expect(own.timeline.map((e) => e.type)).not.toContain('co_answered');

    // An amended sheet that keeps 劳资部 and drops 党群工作部: the part given stays; 党群工作部's step is gone.
    expect((await act(t, leader, id, 'dispatch', { department: 'logistics', coDepartments: ['payroll'], instructions: '后勤管理部调低音量,劳资部已核对' })).status).toBe(200);
    const amended = await view(t, leader, id);
    expect(amended.staff!.coHandling!.map((c) => [c.department.name, c.answer])).toEqual([['劳资部', part]]);
    expect(await openAnswers()).toEqual([
      ['劳资部', true],
      ['后勤管理部', false],
    ]);
    expect((await notices(t, payroll, id)).map((n) => n.title)).toEqual(['新的协办单']);

    // The lead answers: the department stage is over.
    expect((await act(t, logistics, id, 'acknowledge')).status).toBe(200);
    expect((await act(t, logistics, id, 'respond', { outcome: 'resolved', text: '音量已调低,夜班宿舍一侧的喇叭已拆除' })).status).toBe(200);
    expect(await openAnswers()).toEqual([
      ['劳资部', true],
      ['后勤管理部', true],
    ]);
    expect((await view(t, payroll, id)).allowedActions).toEqual([]);
  });

  it('tells a department a changed sheet leaves off that it need not answer, and one it adds of its new part, in the app and in its group', async () => {
    const { t, org } = ctx;
    const worker = await t.login(uniqueName('co_worker'));
    const [office, leader, payroll] = await Promise.all([org.staff.coordinator, org.staff.leader, org.staff.payroll].map((o) => t.login(o)));
    const { body } = await submitAppeal(t, worker, validAppeal(org.code, { content: '食堂夜班饭菜凉了,加热的微波炉也坏了' }));
    expect((await act(t, office, body.id, 'accept')).status).toBe(200);
    const sheet = (coDepartments: string[]) => act(t, leader, body.id, 'dispatch', { department: 'logistics', coDepartments, instructions: '后勤管理部修微波炉' });
    expect((await sheet(['payroll'])).status).toBe(200);
    // Changed: 劳资部 off, 党群工作部 on; then 劳资部 back on.
    expect((await sheet(['party'])).status).toBe(200);
    // (The inbox lists the newest first.)
    expect((await notices(t, payroll, body.id)).map((n) => [n.title, n.body]).reverse()).toEqual([
      ['新的协办单', expect.stringContaining('请劳资部协办')],
      ['协办已取消', `诉求 ${body.serial} 的批办单已修改,不再需要劳资部协办,不用再提出协办意见。`],
    ]);
    expect((await t.http().get(`/api/appeals/${body.id}`).set(auth(payroll))).status).toBe(404);
    expect((await sheet(['party', 'payroll'])).status).toBe(200);
    expect((await notices(t, payroll, body.id)).map((n) => n.title).reverse()).toEqual(['新的协办单', '协办已取消', '新的协办单']);
    // The groups: each change posted to the department it concerns, as what it is for that department.
    await t.app.get(OutboxDispatcher).runDue(new Date(), 500);
    const posts = async (department: string) =>
      t.simulator.records
        .robotMessages(await robotKey(t, org.code, department))
        .filter((m) => m.content.includes(body.serial))
        .map((m) => m.content.split('\n')[0]);
    expect(await posts('payroll')).toEqual(['**【民情一码通】新的协办单**', '**【民情一码通】协办已取消**', '**【民情一码通】新的协办单**']);
    expect(await posts('party')).toEqual(['**【民情一码通】新的协办单**']);
    expect(await posts('logistics')).toEqual(['**【民情一码通】新的批办单**', '**【民情一码通】批办单已修改**', '**【民情一码通】批办单已修改**']);
  });

  it('reminds a co-handling department of its own part before its deadline, and tells it and its group when the part is late; none once it answered', async () => {
    const { t, org } = ctx;
    const start = new Date('2026-11-23T01:00:00Z'); // a Monday, 09:00 in the mine
    t.setNow(start);
    try {
      const { id, serial, logistics, payroll } = await coDispatched(t, org);
      const answered = await coDispatched(t, org);
      expect((await act(t, payroll, answered.id, 'co-answer', { text: '已核对夜班名单' })).status).toBe(200);
      const secretary = await t.login(org.staff.secretary);
      const runner = t.app.get(DeadlineRunner);
      // Past the reminders and the first escalation rung of the answer steps (three days, then a day).
      for (let hour = 6; hour <= 6 * 24; hour += 6) {
        const at = new Date(start.getTime() + hour * 3600_000);
        t.setNow(at);
        await runner.runDue(at);
      }
      const titles = async (token: string, appealId: string) => (await notices(t, token, appealId)).map((n) => n.title);
      // 劳资部 hears of its own part, by that name; the lead of its answer; the secretary (劳资部 has no head) of the late part.
      expect(await titles(payroll, id)).toEqual(expect.arrayContaining(['即将到期:劳资部协办意见']));
      expect((await titles(payroll, id)).filter((title) => title.includes('答复') || title.includes('党群工作部'))).toEqual([]);
      expect((await notices(t, payroll, id)).find((n) => n.title === '即将到期:劳资部协办意见')!.body).toMatch(
        new RegExp(`^诉求 ${serial} 的劳资部协办意见将于 .+ 到期,请及时办理。$`),
      );
      expect(await titles(logistics, id)).toEqual(expect.arrayContaining(['即将到期:答复']));
      expect((await titles(logistics, id)).filter((title) => title.includes('协办'))).toEqual([]);
      expect(await titles(secretary, id)).toEqual(expect.arrayContaining(['已逾期:劳资部协办意见', '已逾期:答复']));
      await t.app.get(OutboxDispatcher).runDue(new Date(start.getTime() + 7 * 24 * 3600_000), 500);
      const posts = t.simulator.records
        .robotMessages(await robotKey(t, org.code, 'payroll'))
        .filter((m) => m.content.includes(serial))
        .map((m) => m.content.split('\n')[0]);
      expect(posts).toEqual(expect.arrayContaining(['**【民情一码通】即将到期:劳资部协办意见**', '**【民情一码通】已逾期:劳资部协办意见**']));
      expect(posts.filter((post) => post.includes('党群工作部') || post.includes('答复'))).toEqual([]);
      // The part given in time: nothing more about it (党群工作部's, still owed, is reminded as its own).
      expect((await titles(payroll, answered.id)).filter((title) => title.includes('到期') || title.includes('逾期'))).toEqual([]);
      const timeline = (await view(t, answered.leader, answered.id)).timeline.filter((e) => e.type === 'reminder' || e.type === 'escalated').map((e) => e.text ?? '');
      expect(timeline.filter((text) => text.includes('劳资部'))).toEqual([]);
      expect(timeline.filter((text) => text.includes('党群工作部协办意见')).length).toBeGreaterThan(0);
    } finally {
      t.setNow(null);
    }
  });

  it("counts each department's own part in the month's figures and on the live board: the lead's answer for the lead, each 协办意见 for its co-handler", async () => {
    const { t } = ctx;
    // An organisation of its own: its month holds this test's appeals only.
    const org = await t.createOrg();
    const HOUR = 3600_000;
    const start = new Date('2026-10-12T01:00:00Z'); // a Monday, 09:00 in the mine
    t.setNow(start);
    try {
      const first = await coDispatched(t, org);
      const { logistics, payroll, leader } = first;
      const dueAt = new Date((await view(t, leader, first.id)).staff!.dueAt!);
      // The lead asks for two days more and gets them; its co-handlers keep their own deadline.
      expect((await act(t, logistics, first.id, 'acknowledge')).status).toBe(200);
      expect((await act(t, logistics, first.id, 'extension', { reason: '喇叭要厂家来拆', until: new Date(dueAt.getTime() + 48 * HOUR).toISOString() })).status).toBe(200);
      expect((await act(t, leader, first.id, 'extension-decision', { approve: true })).status).toBe(200);
      // 劳资部 gives its part a day after its deadline; the lead answers within its new one (党群工作部, which has
      // no handler here, never gives its part: the lead's answer supersedes it, not counted as missed).
      t.setNow(new Date(dueAt.getTime() + 24 * HOUR));
      expect((await act(t, payroll, first.id, 'co-answer', { text: '夜班名单已核对' })).status).toBe(200);
      t.setNow(new Date(dueAt.getTime() + 36 * HOUR));
      expect((await act(t, logistics, first.id, 'respond', { outcome: 'resolved', text: '喇叭已调低' })).status).toBe(200);

      // A second sheet, its lead and 劳资部's part both left past due: read the day they fell due, after it.
      t.setNow(new Date(dueAt.getTime() + 40 * HOUR));
      const second = await coDispatched(t, org);
      const secondDue = new Date((await view(t, leader, second.id)).staff!.dueAt!);
      const asOf = new Date(secondDue.getTime() + 60_000);
      t.setNow(asOf);

      const month = '2026-10';
      const live = await t.http().get(`/api/reports/live/${month}`).set(auth(leader));
      expect(live.status).toBe(200);
      const byName = (name: string) => (live.body.byDepartment as Array<{ name: string; coParts?: number; counts: Record<string, number> }>).find((d) => d.name === name)!;
      const answers = (name: string) => {
        const d = byName(name);
        return { total: d.counts.total, coParts: d.coParts ?? 0, answerDue: d.counts.answerDue, answeredOnTime: d.counts.answeredOnTime };
      };
      // 后勤管理部: its two answers (one on time, one late now); 劳资部: both its parts late; 党群工作部: its part owed now, late.
      expect(answers('后勤管理部')).toEqual({ total: 2, coParts: 0, answerDue: 2, answeredOnTime: 1 });
      expect(answers('劳资部')).toEqual({ total: 0, coParts: 2, answerDue: 2, answeredOnTime: 0 });
      expect(answers('党群工作部')).toEqual({ total: 0, coParts: 1, answerDue: 1, answeredOnTime: 0 });
      expect(live.body.byDepartment.find((d: { name: string }) => d.name === '劳资部').rates.onTimeRate.value).toBe(0);
      // The organisation's own answers are the leads': two appeals, one answered on time.
      expect([live.body.counts.answerDue, live.body.counts.answeredOnTime]).toEqual([2, 1]);
      // The kept counts give what the month's appeals and steps give.
      const entity = (await t.app.get(OrgRepository).findOrgByCode(org.code))!;
      const builder = t.app.get(ReportFiguresBuilder);
      expect(await builder.figures(entity, month, asOf)).toEqual(await builder.figuresFromAppeals(entity, month, asOf));

      // The live board: 劳资部 and 党群工作部 each owe one late part, listed under them, naming no one.
      const board = (await t.http().get('/api/overdue-board').set(auth(leader))).body as OverdueBoardView;
      const row = (name: string) => board.departments.find((d) => d.department.name === name);
      expect([row('党群工作部')?.count, row('党群工作部')?.coHandling]).toEqual([1, 1]);
      expect([row('后勤管理部')?.count, row('后勤管理部')?.coHandling]).toEqual([1, 0]);
      expect([row('劳资部')?.count, row('劳资部')?.coHandling, row('劳资部')?.people]).toEqual([1, 1, []]);
      expect(row('劳资部')!.longestHoursLate).toBe(0);
      // A department reads its own: 劳资部 its part.
      const own = (await t.http().get('/api/overdue-board').set(auth(payroll))).body as OverdueBoardView;
      expect(own.departments.map((d) => [d.department.name, d.count, d.coHandling])).toEqual([['劳资部', 1, 1]]);
      // Given, the part is no longer late on the board.
      expect((await act(t, payroll, second.id, 'co-answer', { text: '已核对' })).status).toBe(200);
      const after = (await t.http().get('/api/overdue-board').set(auth(payroll))).body as OverdueBoardView;
      expect(after.departments).toEqual([]);
    } finally {
      t.setNow(null);
    }
  });

  it('takes the co-handling departments off with the sheet on 退单, and stops their clocks', async () => {
    const { t, org } = ctx;
    const { id, leader, logistics, payroll } = await coDispatched(t, org);
    expect((await act(t, logistics, id, 'send-back', { reason: '广播归党群工作部管理' })).status).toBe(200);
    expect((await t.http().get(`/api/appeals/${id}`).set(auth(payroll))).status).toBe(404);
    expect((await list(t, payroll, 'queue=co_handling')).items.map((a) => a.id)).not.toContain(id);
    const seen = await view(t, leader, id);
    expect(seen.staff!.coHandling).toEqual([]);
    expect(seen.staff!.steps.filter((s) => s.step === 'answer' && !s.cancelled && !s.metAt)).toEqual([]);
  });

  it('leaves the sheet as it was for a dispatch without co-handling departments', async () => {
    const { t, org } = ctx;
    const worker = await t.login(uniqueName('co_worker'));
    const [office, leader] = await Promise.all([org.staff.coordinator, org.staff.leader].map((o) => t.login(o)));
    const { body } = await submitAppeal(t, worker, validAppeal(org.code));
    await act(t, office, body.id, 'accept');
    expect((await act(t, leader, body.id, 'dispatch', { department: 'logistics', instructions: '请处理' })).status).toBe(200);
    const seen = await view(t, leader, body.id);
    expect(seen.staff!.coHandling).toEqual([]);
    expect(seen.staff!.sheets[0].coDepartments).toEqual([]);
    expect(seen.timeline.find((e) => e.type === 'dispatched')!.text).toMatch(/^已批办:由后勤管理部办理,/);
  });
});

const mariadbOnly = enginesUnderTest().filter((engine) => engine === 'mariadb');
const onMariadb = mariadbOnly.length ? describe.each(mariadbOnly) : describe.skip.each(['mariadb' as EngineName]);

onMariadb('协办意见 under parallel requests on %s', (engine) => {
  const ctx = useTestApp(engine, { APPEAL_LIMIT_PER_10_MINUTES: '100', APPEAL_LIMIT_PER_DAY: '100' });
  const RACERS = 20;

  it(`keeps one 协办意见 of ${RACERS} a co-handling department sends at once`, async () => {
    const { t, org } = ctx;
    const { id, payroll } = await coDispatched(t, org);
    await times(RACERS, () => t.db.query('SELECT 1'));
    const answers = await times(RACERS, (i) => act(t, payroll, id, 'co-answer', { text: `第${i + 1}次:已核对夜班名单` }));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 200).every((a) => a.status === 409 && ['APPEAL_VERSION_CONFLICT', 'CO_ANSWER_DONE'].includes(a.body.code))).toBe(true);
    const [row] = await t.db.query("SELECT COUNT(*) AS n FROM appeal_events WHERE appeal_id = ? AND type = 'co_answered'", [id]);
    expect(Number(row.n)).toBe(1);
    const [kept] = await t.db.query('SELECT answer FROM sheet_departments WHERE appeal_id = ? AND active = ? AND answer IS NOT NULL', [id, true]);
    const winner = answers.find((a) => a.status === 200)!;
    expect(winner.body.staff.coHandling.find((c: { department: { code: string } }) => c.department.code === 'payroll').answer).toBe(kept.answer);
    const [met] = await t.db.query(
      "SELECT COUNT(*) AS n FROM appeal_steps s JOIN departments d ON d.id = s.department_id WHERE s.appeal_id = ? AND s.step = 'answer' AND d.code = 'payroll' AND s.met_at IS NOT NULL",
      [id],
    );
    expect(Number(met.n)).toBe(1);
  });
});
