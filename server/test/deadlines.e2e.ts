// Deadlines that act, with the application's clock under the test's control: reminders at their
// moments and not in quiet hours unless urgent, escalation up the rungs in order, supervision.
import type { AppealView } from '@minqing/shared';
import { DeadlineRunner } from '../src/deadlines/deadline-runner.js';
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp, type TestApp } from './support/test-app.js';

/** A local Shanghai time as the instant it is. */
const sh = (local: string) => new Date(`${local}+08:00`);

async function step(t: TestApp, token: string, id: string, action: string, body: object = {}): Promise<AppealView> {
  const response = await act(t, token, id, action, body);
  if (response.status !== 200) throw new Error(`${action}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as AppealView;
}

describe.each(enginesUnderTest())('deadlines on %s', (engine) => {
  const ctx = useTestApp(engine);
  afterEach(() => ctx.t.setNow(null));

  /** Runs the deadline runner at a moment; returns the notices each openid got from it, by title. */
  async function runAt(t: TestApp, at: string): Promise<number> {
    t.setNow(sh(at));
    return t.app.get(DeadlineRunner).runDue(sh(at));
  }

  async function noticesOf(t: TestApp, openid: string, appealId: string): Promise<string[]> {
    const token = await t.login(openid);
    const response = await t.http().get('/api/me/notices').set('Authorization', `Bearer ${token}`);
    return response.body.items
      .filter((n: { appealId: string }) => n.appealId === appealId)
      .map((n: { title: string }) => n.title)
      .reverse();
  }

  it('reminds the office before triage is due and escalates to the secretary when it is missed', async () => {
    const { t, org } = ctx;
    t.setNow(sh('2026-11-24T21:00'));
    const worker = await t.login(uniqueName('w'));
    const { body } = await submitAppeal(t, worker, validAppeal(org.code));
    // Due 25th 21:00; reminders at 08:00 on the due morning and at 75% (15:00); escalation at 21:00.
    expect(await runAt(t, '2026-11-25T07:59')).toBe(0);
    await runAt(t, '2026-11-25T08:00');
    expect(await noticesOf(t, org.staff.coordinator, body.id)).toEqual(['即将到期:受理']);
    await runAt(t, '2026-11-25T15:00');
    expect(await noticesOf(t, org.staff.coordinator, body.id)).toEqual(['即将到期:受理', '即将到期:受理']);
    expect(await noticesOf(t, org.staff.secretary, body.id)).toEqual([]);
    await runAt(t, '2026-11-25T21:00');
    expect(await noticesOf(t, org.staff.secretary, body.id)).toEqual(['已逾期:受理']);
    // Nothing is sent twice, however often the runner runs.
    expect(await runAt(t, '2026-11-25T21:30')).toBe(0);
  });

  it('holds a non-urgent escalation until the morning, and sends an urgent reminder at night', async () => {
    const { t, org } = ctx;
    const office = await t.login(org.staff.coordinator);
    const worker = await t.login(uniqueName('w'));

    t.setNow(sh('2026-11-24T17:00'));
    const { body: calm } = await submitAppeal(t, worker, validAppeal(org.code));
    await step(t, office, calm.id, 'accept');
    t.setNow(sh('2026-11-24T18:00'));
    await step(t, office, calm.id, 'dispatch', { department: 'logistics', instructions: '请处理' });
    // Acknowledge is due in 8 h, at 02:00: its 75% reminder (00:00) would fall in quiet hours and after
    // the due time once held back, so it is dropped; the escalation waits for 07:00.
    await runAt(t, '2026-11-25T02:30');
    expect(await noticesOf(t, org.staff.logistics, calm.id)).toEqual(['新的批办单']);
    await runAt(t, '2026-11-25T07:00');
    expect(await noticesOf(t, org.staff.logistics, calm.id)).toEqual(['新的批办单', '已逾期:接单']);

    t.setNow(sh('2026-11-26T22:50'));
    const { body: urgent } = await submitAppeal(t, worker, validAppeal(org.code, { content: '宿舍楼道漏电,有人被电了一下' }));
    await step(t, office, urgent.id, 'accept', { urgent: true });
    t.setNow(sh('2026-11-26T23:00'));
    await step(t, office, urgent.id, 'dispatch', { department: 'logistics', instructions: '立即断电检修' });
    // 特事特办: acknowledge within 1 h, reminded at 23:45 although it is night.
    await runAt(t, '2026-11-26T23:45');
    expect(await noticesOf(t, org.staff.logistics, urgent.id)).toEqual(['特事特办:新的批办单', '即将到期:接单']);
  });

  it('climbs the rungs in order when an answer is missed: head, leader in charge, secretary', async () => {
    const { t, org } = ctx;
    const office = await t.login(org.staff.coordinator);
    const logistics = await t.login(org.staff.logistics);
    const worker = await t.login(uniqueName('w'));
    t.setNow(sh('2026-12-01T09:00'));
    const { body } = await submitAppeal(t, worker, validAppeal(org.code));
    await step(t, office, body.id, 'accept');
    const sheet = await step(t, office, body.id, 'dispatch', { department: 'logistics', instructions: '请处理' });
    await step(t, logistics, body.id, 'acknowledge');
    expect(sheet.staff!.dueAt).toBe(sh('2026-12-04T09:00').toISOString());

    await runAt(t, '2026-12-04T09:00');
    expect(await noticesOf(t, org.staff.logistics, body.id)).toContain('已逾期:答复');
    expect(await noticesOf(t, org.staff.leader, body.id)).toEqual([]);
    await runAt(t, '2026-12-05T09:00');
    expect(await noticesOf(t, org.staff.leader, body.id)).toEqual(['已逾期:答复']);
    expect(await noticesOf(t, org.staff.secretary, body.id)).toEqual([]);
    await runAt(t, '2026-12-06T09:00');
    expect(await noticesOf(t, org.staff.secretary, body.id)).toEqual(['已逾期:答复']);

    const staffView = await t.http().get(`/api/appeals/${body.id}`).set('Authorization', `Bearer ${office}`);
    const escalations = staffView.body.timeline.filter((e: { type: string }) => e.type === 'escalated').map((e: { text: string }) => e.text);
    expect(escalations).toEqual([expect.stringContaining('部门负责人'), expect.stringContaining('分管领导'), expect.stringContaining('党委书记')]);
  });

  it('stops reminding once the step is met, and escalates a supervised plan whose date passes', async () => {
    const { t, org } = ctx;
    const office = await t.login(org.staff.coordinator);
    const logistics = await t.login(org.staff.logistics);
    const worker = await t.login(uniqueName('w'));
    t.setNow(sh('2026-12-08T09:00'));
    const { body } = await submitAppeal(t, worker, validAppeal(org.code));
    await step(t, office, body.id, 'accept');
    await step(t, office, body.id, 'dispatch', { department: 'logistics', instructions: '请处理' });
    await step(t, logistics, body.id, 'acknowledge');
    await step(t, logistics, body.id, 'respond', { outcome: 'scheduled', text: '下周更换热水器', plannedAt: sh('2026-12-15T18:00').toISOString() });
    // The answer came in time: nothing about it is sent any more.
    await runAt(t, '2026-12-14T09:00');
    expect(await noticesOf(t, org.staff.logistics, body.id)).not.toContain('已逾期:答复');
    await runAt(t, '2026-12-15T18:00');
    expect(await noticesOf(t, org.staff.logistics, body.id)).toContain('已逾期:督办计划');
  });

  it('moves the answer deadline when a leader approves an extension, and keeps it when refused', async () => {
    const { t, org } = ctx;
    const office = await t.login(org.staff.coordinator);
    const logistics = await t.login(org.staff.logistics);
    const leader = await t.login(org.staff.leader);
    const worker = await t.login(uniqueName('w'));
    t.setNow(sh('2026-12-14T09:00'));
    const { body } = await submitAppeal(t, worker, validAppeal(org.code));
    await step(t, office, body.id, 'accept');
    await step(t, office, body.id, 'dispatch', { department: 'logistics', instructions: '请更换热水器' });
    await step(t, logistics, body.id, 'acknowledge');
    await step(t, logistics, body.id, 'extension', { reason: '热水器要从厂家调货', until: sh('2026-12-20T18:00').toISOString() });
    const waiting = await t.http().get('/api/appeals?queue=extensions').set('Authorization', `Bearer ${leader}`);
    expect(waiting.body.items.map((a: { id: string }) => a.id)).toContain(body.id);
    // Due on the 17th at 09:00: on the 16th it is on the department's due-soon list.
    t.setNow(sh('2026-12-16T12:00'));
    const soon = await t.http().get('/api/appeals?queue=due_soon').set('Authorization', `Bearer ${logistics}`);
    expect(soon.body.items.map((a: { id: string }) => a.id)).toContain(body.id);
    // The leader in charge of 后勤管理部 is asked; the department cannot approve its own request.
    expect(await noticesOf(t, org.staff.leader, body.id)).toEqual(['延期申请待审批']);
    expect((await act(t, logistics, body.id, 'extension-decision', { approve: true })).status).toBe(403);
    const approved = await step(t, leader, body.id, 'extension-decision', { approve: true, reason: '同意' });
    expect(approved.staff).toMatchObject({ dueAt: sh('2026-12-20T18:00').toISOString(), pendingExtension: null });

    // The old due time passes without an escalation; the answer on the 19th is on time.
    await runAt(t, '2026-12-17T10:00');
    expect(await noticesOf(t, org.staff.logistics, body.id)).not.toContain('已逾期:答复');
    t.setNow(sh('2026-12-19T10:00'));
    const answered = await step(t, logistics, body.id, 'respond', { outcome: 'resolved', text: '热水器已更换' });
    const answers = answered.staff!.steps.filter((s) => s.step === 'answer');
    expect(answers.map((s) => [s.cancelled, s.onTime])).toEqual([
      [true, null],
      [false, true],
    ]);

    // A refused request leaves the deadline where it was.
    t.setNow(sh('2026-12-21T09:00'));
    const { body: second } = await submitAppeal(t, worker, validAppeal(org.code, { content: '澡堂的淋浴喷头坏了两个' }));
    await step(t, office, second.id, 'accept');
    const sheet = await step(t, office, second.id, 'dispatch', { department: 'logistics', instructions: '请维修' });
    await step(t, logistics, second.id, 'extension', { reason: '人手不够', until: sh('2026-12-31T18:00').toISOString() });
    const refused = await step(t, leader, second.id, 'extension-decision', { approve: false, reason: '喷头当天就能换' });
    expect(refused.staff).toMatchObject({ dueAt: sheet.staff!.dueAt, pendingExtension: null });
    expect((await act(t, leader, second.id, 'extension-decision', { approve: true })).body.code).toBe('EXTENSION_NONE');
  });
});

describe.each(enginesUnderTest())('the deadline policy on %s', (engine) => {
  const ctx = useTestApp(engine);
  afterEach(() => ctx.t.setNow(null));

  it("lets the admin switch to working time, and a sheet's default deadline follows it", async () => {
    const { t, org } = ctx;
    const admin = await t.login(org.staff.admin);
    const put = (body: object, token = admin) => t.http().put('/api/admin/deadline-policy').set('Authorization', `Bearer ${token}`).send(body);
    expect((await put({ calendar: { mode: 'working' } }, await t.login(org.staff.coordinator))).status).toBe(403);
    const bad = await put({ calendar: { workStart: '25:00' }, quietHours: { start: 'late' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'DEADLINE_POLICY_INVALID', details: { fields: ['calendar.workStart', 'quietHours'] } });
    const saved = await put({ calendar: { mode: 'working', workStart: '08:00', workEnd: '18:00' } });
    expect(saved.body.calendar).toMatchObject({ mode: 'working', timeZone: 'Asia/Shanghai', workingDays: [1, 2, 3, 4, 5] });

    // Friday 09:00 + 72 working hours: 9 that Friday, 60 over the next six working days, 3 on Tuesday the 15th.
    t.setNow(sh('2026-12-04T09:00'));
    const office = await t.login(org.staff.coordinator);
    const worker = await t.login(uniqueName('w'));
    const { body } = await submitAppeal(t, worker, validAppeal(org.code));
    // The sheet's form is told the default before it is sent (it shows it while no day is picked).
    const accepted = await step(t, office, body.id, 'accept');
    expect(accepted.staff!.defaultDueAt).toBe(sh('2026-12-15T11:00').toISOString());
    const sheet = await step(t, office, body.id, 'dispatch', { department: 'logistics', instructions: '请处理' });
    expect(sheet.staff!.dueAt).toBe(sh('2026-12-15T11:00').toISOString());
  });
});
