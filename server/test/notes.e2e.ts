// Internal notes (内部备注) and who stands behind each step, through the API on both engines: a note is
// written by the office, a leader or the department on the sheet; it is in their view of the appeal
// and in nobody else's — never the worker's (even when the worker is staff too), never a department's
// the appeal was not sent to; it changes nothing of the closed loop. Bad input answers the envelope
// with a Chinese sentence. The staff timeline names the department and the person behind each step;
// the worker's names the department, never a staff person.
import type { AppealView } from '@minqing/shared';
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp, type TestApp } from './support/test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const note = (t: TestApp, token: string, id: string, body: unknown) =>
  t
    .http()
    .post(`/api/appeals/${id}/notes`)
    .set(auth(token))
    .send(body as object);
const view = async (t: TestApp, token: string, id: string) => {
  const response = await t.http().get(`/api/appeals/${id}`).set(auth(token));
  expect(response.status).toBe(200);
  return response.body as AppealView;
};

describe.each(enginesUnderTest())('internal notes on %s', (engine) => {
  const ctx = useTestApp(engine, { APPEAL_LIMIT_PER_10_MINUTES: '100', APPEAL_LIMIT_PER_DAY: '100' });

  it('reach the office, the leaders and the department on the sheet, never the worker, and change nothing of the loop', async () => {
    const { t, org } = ctx;
    const worker = await t.login(uniqueName('note_worker'));
    const [office, secretary, logistics, payroll] = await Promise.all([org.staff.coordinator, org.staff.secretary, org.staff.logistics, org.staff.payroll].map((o) => t.login(o)));
    const { body: submitted } = await submitAppeal(t, worker, validAppeal(org.code, { phone: '13912345678' }));
    expect((await act(t, office, submitted.id, 'accept')).status).toBe(200);

    const officeText = '内部:请劳资部先查考勤机记录';
    const before = await view(t, office, submitted.id);
    const written = await note(t, office, submitted.id, { text: `  ${officeText}  ` });
    expect(written.status).toBe(201);
    const afterNote = written.body as AppealView;
    expect(afterNote.staff!.notes).toEqual([{ id: expect.any(String), text: officeText, unit: '党群工作部', person: '王艳丽', at: expect.any(String) }]);
    // Not a transition: the status, the version and the timeline are as they were.
    expect({ status: afterNote.status, version: afterNote.version, timeline: afterNote.timeline }).toEqual({
      status: before.status,
      version: before.version,
      timeline: before.timeline,
    });

    // The leader sends it to 后勤管理部; its head notes too. 劳资部 is not on the sheet: 404 both ways.
    expect((await act(t, secretary, submitted.id, 'dispatch', { department: 'logistics', instructions: '请三日内处理' })).status).toBe(200);
    expect((await note(t, logistics, submitted.id, { text: '已约电工周三上门' })).status).toBe(201);
    expect((await note(t, payroll, submitted.id, { text: '劳资部看看' })).status).toBe(404);
    expect((await t.http().get(`/api/appeals/${submitted.id}`).set(auth(payroll))).status).toBe(404);
    for (const reader of [office, secretary, logistics]) {
      const notes = (await view(t, reader, submitted.id)).staff!.notes;
      expect(notes.map((n) => [n.unit, n.person, n.text])).toEqual([
        ['党群工作部', '王艳丽', officeText],
        ['后勤管理部', '后勤部长', '已约电工周三上门'],
      ]);
    }

    // The worker: not in their view of the appeal, nor in their list, their inbox or their WeChat; they may not write one.
    const own = await t.http().get(`/api/appeals/${submitted.id}`).set(auth(worker));
    expect(own.status).toBe(200);
    expect(own.body.staff).toBeUndefined();
    for (const path of [`/api/appeals/${submitted.id}`, '/api/appeals?scope=mine', '/api/me/notices'])
      expect([path, (await t.http().get(path).set(auth(worker))).text]).not.toEqual([path, expect.stringMatching(/考勤机|电工周三/)]);
    const refused = await note(t, worker, submitted.id, { text: '我也写一条' });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ statusCode: 403, code: 'FORBIDDEN', message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
    expect((await view(t, office, submitted.id)).staff!.notes).toHaveLength(2);
  });

  it('stay hidden from a worker who is staff too, on their own appeal sent to their own department', async () => {
    const { t, org } = ctx;
    const [clerk, office, secretary] = await Promise.all([org.staff.payroll, org.staff.coordinator, org.staff.secretary].map((o) => t.login(o)));
    const { body: submitted } = await submitAppeal(t, clerk, validAppeal(org.code, { identity: 'anonymous', content: '十月份的夜班津贴少发了,工资条上看不出原因' }));
    expect((await act(t, office, submitted.id, 'accept')).status).toBe(200);
    expect((await act(t, secretary, submitted.id, 'dispatch', { department: 'payroll', instructions: '请劳资部核对考勤' })).status).toBe(200);
    expect((await note(t, office, submitted.id, { text: '内部:请劳资部先查考勤机记录' })).status).toBe(201);
    // The clerk is the 劳资部 handler, but this appeal is theirs: they read it as its worker.
    const own = await t.http().get(`/api/appeals/${submitted.id}`).set(auth(clerk));
    expect(own.status).toBe(200);
    expect(own.body.staff).toBeUndefined();
    expect(own.text).not.toContain('考勤机记录');
    expect((await note(t, clerk, submitted.id, { text: '我是劳资部的' })).status).toBe(403);
  });

  it('answers bad input with the envelope and a sentence a clerk can read, and writes nothing', async () => {
    const { t, org } = ctx;
    const worker = await t.login(uniqueName('note_bad'));
    const office = await t.login(org.staff.coordinator);
    const { body: submitted } = await submitAppeal(t, worker, validAppeal(org.code));
    const cases: Array<[unknown, string, string]> = [
      [{}, 'NOTE_TEXT_REQUIRED', '请写下备注内容'],
      [{ text: '   ' }, 'NOTE_TEXT_REQUIRED', '请写下备注内容'],
      [{ text: 42 }, 'NOTE_TEXT_REQUIRED', '请写下备注内容'],
      [{ text: '考'.repeat(1001) }, 'NOTE_TEXT_TOO_LONG', '备注最多 1000 个字'],
      [{ text: '有效备注', visibleToWorker: true }, 'BODY_FIELD_UNKNOWN', '提交的内容里有不认识的项目'],
    ];
    for (const [body, code, message] of cases) {
      const response = await note(t, office, submitted.id, body);
      expect([response.status, response.body.code, response.body.message]).toEqual([400, code, message]);
    }
    expect((await note(t, office, '00000000-0000-0000-0000-000000000000', { text: '没有这条' })).status).toBe(404);
    expect((await view(t, office, submitted.id)).staff!.notes).toEqual([]);
    expect((await note(t, office, submitted.id, { text: '考'.repeat(1000) })).status).toBe(201);
  });

  it('names the department and the person behind each step for staff, and only the department for the worker', async () => {
    const { t, org } = ctx;
    const worker = await t.login(uniqueName('note_steps'));
    const [office, secretary, logistics] = await Promise.all([org.staff.coordinator, org.staff.secretary, org.staff.logistics].map((o) => t.login(o)));
    const { body: submitted } = await submitAppeal(t, worker, validAppeal(org.code));
    expect((await act(t, office, submitted.id, 'accept')).status).toBe(200);
    expect((await act(t, secretary, submitted.id, 'dispatch', { department: 'logistics', instructions: '请核实' })).status).toBe(200);
    expect((await act(t, logistics, submitted.id, 'acknowledge')).status).toBe(200);
    expect((await act(t, logistics, submitted.id, 'respond', { outcome: 'resolved', text: '已修好' })).status).toBe(200);
    expect((await act(t, office, submitted.id, 'reply', { text: '已修好' })).status).toBe(200);
    // The call logged with one tap: the result alone.
    expect((await act(t, office, submitted.id, 'calls', { result: 'reached' })).status).toBe(200);

    const staffLines = (await view(t, office, submitted.id)).timeline.map((e) => [e.type, e.actor, e.person]);
    expect(staffLines).toEqual([
      ['submitted', '职工', undefined],
      ['accepted', '党群工作部', '王艳丽'],
      ['dispatched', '矿领导', '张毅'],
      ['acknowledged', '后勤管理部', '后勤部长'],
      ['responded', '后勤管理部', '后勤部长'],
      ['replied', '党群工作部', '王艳丽'],
      ['call_logged', '党群工作部', '王艳丽'],
    ]);
    expect((await view(t, office, submitted.id)).timeline.at(-1)!.text).toBe('回访电话已接通');

    const own = await view(t, worker, submitted.id);
    expect(own.timeline.map((e) => [e.type, e.actor])).toEqual([
      ['submitted', '我'],
      ['accepted', '党群工作部'],
      ['dispatched', '矿领导'],
      ['acknowledged', '后勤管理部'],
      ['replied', '党群工作部'],
    ]);
    expect(own.timeline.every((e) => !('person' in e))).toBe(true);
    expect(JSON.stringify(own)).not.toMatch(/王艳丽|张毅|后勤部长/);
  });
});
