// 撤回: a worker takes their appeal back before the office has accepted it. What they and the office then
// see, what stops (the triage deadline and its reminders), how the month counts it, and the race with 受理.
import type { AppealView } from '@minqing/shared';
import { DeadlineRunner } from '../src/deadlines/deadline-runner.js';
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { enginesUnderTest, type EngineName } from './support/test-databases.js';
import { uniqueName, useTestApp, type TestApp } from './support/test-app.js';

const sh = (local: string) => new Date(`${local}+08:00`);
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

async function noticesOf(t: TestApp, openid: string, appealId: string): Promise<string[]> {
  const response = await t
    .http()
    .get('/api/me/notices')
    .set(auth(await t.login(openid)));
  return response.body.items.filter((n: { appealId: string }) => n.appealId === appealId).map((n: { title: string }) => n.title);
}

describe.each(enginesUnderTest())('withdrawing an appeal on %s', (engine) => {
  const ctx = useTestApp(engine);
  afterEach(() => ctx.t.setNow(null));

  it('lets the worker withdraw with a reason before 受理: the timeline says why, the office sees 已撤回 outside its queues, no reminder comes', async () => {
    const { t, org } = ctx;
    t.setNow(sh('2026-11-24T21:00'));
    const worker = await t.login(uniqueName('w'));
    const office = await t.login(org.staff.coordinator);
    const { body: submitted } = await submitAppeal(t, worker, validAppeal(org.code));
    expect((submitted as AppealView).allowedActions).toContain('withdraw');

    // Only the worker: the office may never withdraw it (403), and a reason is needed (400).
    expect((await act(t, office, submitted.id, 'withdraw', { reason: '提交错了' })).status).toBe(403);
    const empty = await act(t, worker, submitted.id, 'withdraw', { reason: '  ' });
    expect([empty.status, empty.body.code, empty.body.message]).toEqual([400, 'WITHDRAW_REASON_REQUIRED', '请选择或写下撤回的原因']);

    const withdrawn = await act(t, worker, submitted.id, 'withdraw', { reason: '问题已自行解决', version: submitted.version });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', allowedActions: [] });
    expect(withdrawn.body.timeline.map((e: { type: string; text: string }) => [e.type, e.text])).toContainEqual(['withdrawn', '职工撤回了诉求:问题已自行解决']);

    const staffView = await t.http().get(`/api/appeals/${submitted.id}`).set(auth(office));
    expect(staffView.body.status).toBe('withdrawn');
    expect(staffView.body.allowedActions).toEqual([]);
    const queue = await t.http().get('/api/appeals?queue=new').set(auth(office));
    expect(queue.body.items.map((a: { id: string }) => a.id)).not.toContain(submitted.id);
    const all = await t.http().get('/api/appeals').set(auth(office));
    expect(all.body.items.find((a: { id: string }) => a.id === submitted.id)?.status).toBe('withdrawn');
    const accepted = await act(t, office, submitted.id, 'accept');
    expect([accepted.status, accepted.body.code]).toEqual([409, 'APPEAL_STATUS_CONFLICT']);

    // The triage step is cancelled: neither the office's reminder nor the secretary's escalation arrives.
    const [stepRow] = await t.db.query("SELECT cancelled_at AS cancelledAt FROM appeal_steps WHERE appeal_id = ? AND step = 'triage'", [submitted.id]);
    expect(stepRow.cancelledAt).not.toBeNull();
    for (const at of ['2026-11-25T08:00', '2026-11-25T15:00', '2026-11-25T21:00', '2026-11-26T09:00']) {
      t.setNow(sh(at));
      await t.app.get(DeadlineRunner).runDue(sh(at));
    }
    expect(await noticesOf(t, org.staff.coordinator, submitted.id)).toEqual([]);
    expect(await noticesOf(t, org.staff.secretary, submitted.id)).toEqual([]);
  });

  it('refuses a withdrawal once the office has accepted, in words the worker reads', async () => {
    const { t, org } = ctx;
    const worker = await t.login(uniqueName('w'));
    const office = await t.login(org.staff.coordinator);
    const { body: submitted } = await submitAppeal(t, worker, validAppeal(org.code));
    const accepted = await act(t, office, submitted.id, 'accept');
    expect(accepted.status).toBe(200);
    const view = await t.http().get(`/api/appeals/${submitted.id}`).set(auth(worker));
    expect(view.body.allowedActions).not.toContain('withdraw');
    const late = await act(t, worker, submitted.id, 'withdraw', { reason: '提交错了' });
    expect([late.status, late.body.code, late.body.message]).toEqual([409, 'WITHDRAW_TOO_LATE', '党群工作部已经受理了这条诉求,不能再撤回;不需要了可以留言告诉他们']);
    // Someone else's appeal is not theirs to withdraw, nor even to know of.
    const stranger = await act(t, await t.login(uniqueName('w')), submitted.id, 'withdraw', { reason: '提交错了' });
    expect(stranger.status).toBe(404);
  });

  it("counts a withdrawn appeal apart in the month's figures: not valid, not in the reply rate's denominator", async () => {
    const { t } = ctx;
    const org = await t.createOrg();
    const worker = await t.login(uniqueName('w'));
    const office = await t.login(org.staff.coordinator);
    const leader = await t.login(org.staff.leader);
    const kept = (await submitAppeal(t, worker, validAppeal(org.code))).body;
    const takenBy = await t.login(uniqueName('w'));
    const taken = (await submitAppeal(t, takenBy, validAppeal(org.code, { content: '井口等车的棚子漏雨,下雨天淋湿' }))).body;
    expect((await act(t, office, kept.id, 'reject', { reason: '不属于本矿管理范围' })).status).toBe(200);
    const third = (await submitAppeal(t, await t.login(uniqueName('w')), validAppeal(org.code, { content: '食堂夜班窗口太早关门,吃不上热饭' }))).body;
    const takenBack = await act(t, takenBy, taken.id, 'withdraw', { reason: '提交错了' });
    expect(takenBack.status).toBe(200);
    const [{ month }] = await t.db.query('SELECT month FROM appeals WHERE id = ?', [third.id]);
    const live = await t.http().get(`/api/reports/live/${month}`).set(auth(leader));
    expect(live.status).toBe(200);
    expect(live.body.counts).toMatchObject({ total: 3, valid: 1, rejected: 1, merged: 0 });
    expect(live.body.byStatus).toMatchObject({ withdrawn: 1, rejected: 1, submitted: 1 });
    expect(live.body.rates.replyRate).toMatchObject({ numerator: 0, denominator: 1 });
    expect(live.body.exclusions.map((e: { serial: string }) => e.serial)).toEqual([kept.serial]);
  });
});

const mariadbOnly = enginesUnderTest().filter((engine) => engine === 'mariadb');
const onMariadb = mariadbOnly.length ? describe.each(mariadbOnly) : describe.skip.each(['mariadb' as EngineName]);

onMariadb('withdrawing racing 受理 on %s', (engine) => {
  const ctx = useTestApp(engine);
  const RACERS = 20;

  // 受理 sent first, amid and last of the withdrawals (the worker's usually win then), and 受理 given a head start
  // of a few milliseconds (the office's usually wins): each round ends one way, never both.
  it.each([
    [0, 0],
    [RACERS / 2, 0],
    [RACERS, 0],
    [0, 15],
  ])(`ends withdrawn or accepted, never both, when ${RACERS} withdrawals race the office's 受理 (受理 as request %i, %i ms ahead)`, async (at, ahead) => {
    const { t, org } = ctx;
    const worker = await t.login(uniqueName('w'));
    const office = await t.login(org.staff.coordinator);
    const { body: appeal } = await submitAppeal(t, worker, validAppeal(org.code));
    const answers = await Promise.all(
      Array.from({ length: RACERS + 1 }, (_, i) =>
        i === at
          ? act(t, office, appeal.id, 'accept').then((r) => ({ who: 'office', r }))
          : (ahead ? new Promise((wait) => setTimeout(wait, ahead)) : Promise.resolve()).then(() =>
              act(t, worker, appeal.id, 'withdraw', { reason: '问题已自行解决' }).then((r) => ({ who: 'worker', r })),
            ),
      ),
    );
    // Never a 500: every loser is told, in the envelope, that the appeal moved on.
    for (const { r } of answers) expect([200, 409]).toContain(r.status);
    for (const { r } of answers.filter((a) => a.r.status === 409)) expect(['APPEAL_VERSION_CONFLICT', 'APPEAL_STATUS_CONFLICT', 'WITHDRAW_TOO_LATE']).toContain(r.body.code);
    const winners = answers.filter((a) => a.r.status === 200);
    expect(winners).toHaveLength(1);
    const [row] = await t.db.query('SELECT status, version FROM appeals WHERE id = ?', [appeal.id]);
    expect([row.status, Number(row.version)]).toEqual([winners[0].who === 'office' ? 'accepted' : 'withdrawn', 2]);
    const events = await t.db.query("SELECT type FROM appeal_events WHERE appeal_id = ? AND type IN ('accepted', 'withdrawn')", [appeal.id]);
    expect(events.map((e: { type: string }) => e.type)).toEqual([row.status]);
    // The steps follow the winner: a dispatch step opened by 受理, or none open after 撤回.
    const open = await t.db.query('SELECT step FROM appeal_steps WHERE appeal_id = ? AND met_at IS NULL AND cancelled_at IS NULL', [appeal.id]);
    expect(open.map((s: { step: string }) => s.step)).toEqual(row.status === 'accepted' ? ['dispatch'] : []);
  });
});
