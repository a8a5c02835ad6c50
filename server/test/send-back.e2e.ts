// 退单 through the API on both engines: a department sends a sheet it should not have got back to whoever
// dispatched it, with a reason. The appeal waits for a new sheet (已退回 in the dispatcher's list, with the
// reason); the department no longer has it in its queue nor may open it; its clock stops; the dispatcher is
// told; the staff timeline says "后勤管理部退回批办单:…" with the person, the worker's says nothing of it.
// On MariaDB, 20 parallel 退单, and 退单 racing 答复: exactly one wins, and nothing half-written is left.
import type { AppealView, StaffAppealSummaryView } from '@minqing/shared';
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
  return response.body.items as StaffAppealSummaryView[];
};
const notices = async (t: TestApp, token: string) =>
  (await t.http().get('/api/me/notices').set(auth(token))).body.items as Array<{ appealId: string; title: string; body: string }>;
const count = async (t: TestApp, sql: string, params: unknown[]) => Number((await t.db.query(sql, params))[0].n);
const times = <T>(n: number, make: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => make(i)));

/** An appeal the leader sent to 后勤管理部 (acknowledged there when `acknowledged`). */
async function dispatched(t: TestApp, org: { code: string; staff: Record<string, string> }, acknowledged: boolean) {
  const worker = await t.login(uniqueName('sb_worker'));
  const [office, leader, logistics] = await Promise.all([org.staff.coordinator, org.staff.leader, org.staff.logistics].map((o) => t.login(o)));
  const { body: submitted } = await submitAppeal(t, worker, validAppeal(org.code, { content: '宿舍楼顶的大喇叭每天早上六点响,夜班职工休息不好' }));
  expect((await act(t, office, submitted.id, 'accept')).status).toBe(200);
  expect((await act(t, leader, submitted.id, 'dispatch', { department: 'logistics', instructions: '请后勤管理部调低广播音量' })).status).toBe(200);
  if (acknowledged) expect((await act(t, logistics, submitted.id, 'acknowledge')).status).toBe(200);
  return { id: submitted.id as string, serial: submitted.serial as string, worker, office, leader, logistics };
}

describe.each(enginesUnderTest())('退单 on %s', (engine) => {
  const ctx = useTestApp(engine, { APPEAL_LIMIT_PER_10_MINUTES: '100', APPEAL_LIMIT_PER_DAY: '100' });

  it('returns the sheet to the leader who issued it, with the reason; the department loses it and its clock stops', async () => {
    const { t, org } = ctx;
    const { id, serial, worker, leader, logistics } = await dispatched(t, org, true);
    const offered = await view(t, logistics, id);
    expect(offered.allowedActions).toContain('send-back');
    expect((await view(t, leader, id)).allowedActions).not.toContain('send-back');

    // No reason: refused with a sentence, nothing changed.
    const bare = await act(t, logistics, id, 'send-back', { reason: '  ', version: offered.version });
    expect(bare.status).toBe(400);
    expect(bare.body).toMatchObject({ code: 'ACTION_REASON_REQUIRED', message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
    // Only the department: the leader and the office may not.
    expect((await act(t, leader, id, 'send-back', { reason: '不归我' })).status).toBe(403);

    const reason = '广播喇叭归党群工作部管理,不属于后勤管理部职责';
    const sent = await act(t, logistics, id, 'send-back', { reason: `  ${reason} `, version: offered.version });
    expect(sent.status).toBe(200);
    expect(sent.body.status).toBe('accepted');

    // The department: not in any of its lists, and the appeal itself is no longer theirs to open or act on.
    expect((await list(t, logistics, '')).map((a) => a.id)).not.toContain(id);
    expect((await list(t, logistics, 'status=in_progress')).map((a) => a.id)).not.toContain(id);
    expect((await t.http().get(`/api/appeals/${id}`).set(auth(logistics))).status).toBe(404);
    expect((await act(t, logistics, id, 'respond', { outcome: 'resolved', text: '已调低' })).status).toBe(404);

    // The leader: waiting for a sheet again, marked 已退回 with the department and the reason, in 待批办.
    const row = (await list(t, leader, 'status=accepted')).find((a) => a.id === id);
    expect(row).toMatchObject({ status: 'accepted', department: null, dueAt: null, sentBack: { department: '后勤管理部', reason, at: expect.any(String) } });
    const seen = await view(t, leader, id);
    expect(seen.staff!.sentBack).toEqual({ department: '后勤管理部', reason, at: expect.any(String) });
    expect(seen.staff!.department).toBeNull();
    expect(seen.allowedActions).toContain('dispatch');
    const line = seen.timeline.find((e) => e.type === 'sent_back')!;
    expect(line).toMatchObject({ actor: '后勤管理部', person: '后勤部长', text: `后勤管理部退回批办单:${reason}` });

    // The clock: the department's steps superseded (not missed), their reminders off; the dispatch step runs again.
    const steps = seen.staff!.steps;
    expect(steps.filter((s) => ['acknowledge', 'answer'].includes(s.step)).map((s) => [s.step, s.cancelled || s.metAt !== null])).toEqual([
      ['acknowledge', true],
      ['answer', true],
    ]);
    expect(steps.find((s) => s.step === 'answer')!.cancelled).toBe(true);
    expect(steps.filter((s) => s.step === 'dispatch' && !s.cancelled && !s.metAt)).toHaveLength(1);
    expect(
      await count(
        t,
        'SELECT COUNT(*) AS n FROM step_actions x JOIN appeal_steps s ON s.id = x.step_id WHERE s.appeal_id = ? AND s.department_id IS NOT NULL AND x.done_at IS NULL AND x.cancelled_at IS NULL',
        [id],
      ),
    ).toBe(0);

    // The leader who issued the sheet is told, with the reason; the worker's timeline says nothing of it.
    const told = (await notices(t, leader)).filter((n) => n.appealId === id);
    expect(told).toEqual([expect.objectContaining({ title: '批办单被退回', body: `诉求 ${serial} 的批办单被后勤管理部退回:${reason}。请重新批办。` })]);
    const own = await view(t, worker, id);
    expect(own.timeline.map((e) => e.type)).not.toContain('sent_back');
    expect(JSON.stringify(own)).not.toContain('退回批办单');

    // A new sheet to 劳资部: dispatched there, no longer marked 已退回.
    const payroll = await t.login(org.staff.payroll);
    expect((await act(t, leader, id, 'dispatch', { department: 'payroll', instructions: '请劳资部核实' })).status).toBe(200);
    expect((await list(t, payroll, '')).find((a) => a.id === id)).toMatchObject({ status: 'dispatched', sentBack: null });
    expect((await view(t, leader, id)).staff!.sentBack).toBeNull();
  });

  it('tells the office when the office issued the sheet by standing rule, and works before 接单 too', async () => {
    const { t, org } = ctx;
    const worker = await t.login(uniqueName('sb_worker'));
    const [office, logistics, leader] = await Promise.all([org.staff.coordinator, org.staff.logistics, org.staff.leader].map((o) => t.login(o)));
    const { body: submitted } = await submitAppeal(t, worker, validAppeal(org.code, { category: 'living' }));
    expect((await act(t, office, submitted.id, 'accept')).status).toBe(200);
    // 衣食住行 has a standing rule: the office issues the sheet itself.
    expect((await act(t, office, submitted.id, 'dispatch', { department: 'logistics', instructions: '请后勤管理部处理' })).status).toBe(200);
    expect((await act(t, logistics, submitted.id, 'send-back', { reason: '澡堂归机电管理部维修' })).status).toBe(200);
    expect((await notices(t, office)).filter((n) => n.appealId === submitted.id && n.title === '批办单被退回')).toHaveLength(1);
    expect((await notices(t, leader)).filter((n) => n.appealId === submitted.id && n.title === '批办单被退回')).toHaveLength(0);
    // Twice is refused: the second is no longer the department's.
    expect((await act(t, logistics, submitted.id, 'send-back', { reason: '再退一次' })).status).toBe(404);
  });
});

const mariadbOnly = enginesUnderTest().filter((engine) => engine === 'mariadb');
const onMariadb = mariadbOnly.length ? describe.each(mariadbOnly) : describe.skip.each(['mariadb' as EngineName]);

onMariadb('退单 under parallel requests on %s', (engine) => {
  const ctx = useTestApp(engine, { APPEAL_LIMIT_PER_10_MINUTES: '100', APPEAL_LIMIT_PER_DAY: '100' });
  const RACERS = 20;

  /** What one appeal's rows say after the race: one transition's worth, never two halves. */
  async function rows(t: TestApp, id: string) {
    return {
      status: (await t.db.query('SELECT status FROM appeals WHERE id = ?', [id]))[0].status as string,
      version: await count(t, 'SELECT version AS n FROM appeals WHERE id = ?', [id]),
      sentBack: await count(t, "SELECT COUNT(*) AS n FROM appeal_events WHERE appeal_id = ? AND type = 'sent_back'", [id]),
      responded: await count(t, "SELECT COUNT(*) AS n FROM appeal_events WHERE appeal_id = ? AND type = 'responded'", [id]),
      openDispatch: await count(t, "SELECT COUNT(*) AS n FROM appeal_steps WHERE appeal_id = ? AND step = 'dispatch' AND met_at IS NULL AND cancelled_at IS NULL", [id]),
      openAnswer: await count(t, "SELECT COUNT(*) AS n FROM appeal_steps WHERE appeal_id = ? AND step = 'answer' AND met_at IS NULL AND cancelled_at IS NULL", [id]),
      told: await count(t, "SELECT COUNT(*) AS n FROM notices WHERE appeal_id = ? AND title = '批办单被退回'", [id]),
      department: (await t.db.query('SELECT department_id AS d FROM appeals WHERE id = ?', [id]))[0].d as string | null,
    };
  }

  it(`sends a sheet back once when the department taps 退单 ${RACERS} times at once`, async () => {
    const { t, org } = ctx;
    const { id, logistics } = await dispatched(t, org, true);
    await times(RACERS, () => t.db.query('SELECT 1'));
    const answers = await times(RACERS, (i) => act(t, logistics, id, 'send-back', { reason: `第${i + 1}次:不属于本部门` }));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    // The others: a version or status conflict, or — arriving after the winner — no longer the department's to see.
    expect(
      answers.filter((a) => a.status !== 200).every((a) => (a.status === 409 && ['APPEAL_VERSION_CONFLICT', 'APPEAL_STATUS_CONFLICT'].includes(a.body.code)) || a.status === 404),
    ).toBe(true);
    expect(await rows(t, id)).toEqual({ status: 'accepted', version: 5, sentBack: 1, responded: 0, openDispatch: 1, openAnswer: 0, told: 1, department: null });
  });

  it(`leaves one of 退单 and 答复 racing ${RACERS} at once, and nothing of the other`, async () => {
    const { t, org } = ctx;
    const { id, logistics } = await dispatched(t, org, true);
    await times(RACERS, () => t.db.query('SELECT 1'));
    const answers = await times(RACERS, (i) =>
      i % 2 ? act(t, logistics, id, 'send-back', { reason: '不属于本部门' }) : act(t, logistics, id, 'respond', { outcome: 'resolved', text: '已调低音量' }),
    );
    const won = answers.filter((a) => a.status === 200);
    expect(won).toHaveLength(1);
    const after = await rows(t, id);
    if (won[0].body.status === 'accepted') {
      expect(after).toEqual({ status: 'accepted', version: 5, sentBack: 1, responded: 0, openDispatch: 1, openAnswer: 0, told: 1, department: null });
    } else {
      expect(after).toEqual({ status: 'responded', version: 5, sentBack: 0, responded: 1, openDispatch: 0, openAnswer: 0, told: 0, department: expect.any(String) });
    }
  });
});
