// The closed loop as the people of the mine live it, over HTTP: the worker, the office, a leader and
// a department, each seeing only what their role allows.
import { randomUUID } from 'node:crypto';
import type { AppealView } from '@minqing/shared';
import { WorkflowService } from '../src/workflow/workflow.service.js';
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp, type TestApp, type TestOrg } from './support/test-app.js';

interface People {
  worker: string;
  office: string;
  leader: string;
  logistics: string;
  payroll: string;
}

async function people(t: TestApp, org: TestOrg, workerOpenid = uniqueName('w')): Promise<People> {
  return {
    worker: await t.login(workerOpenid),
    office: await t.login(org.staff.coordinator),
    leader: await t.login(org.staff.leader),
    logistics: await t.login(org.staff.logistics),
    payroll: await t.login(org.staff.payroll),
  };
}

async function step(t: TestApp, token: string, id: string, action: string, body: object = {}): Promise<AppealView> {
  const response = await act(t, token, id, action, body);
  if (response.status !== 200) throw new Error(`${action}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as AppealView;
}

describe.each(enginesUnderTest())('the closed loop on %s', (engine) => {
  const ctx = useTestApp(engine);

  it("carries an appeal from submission to the worker's rating, each step on the record", async () => {
    const { t, org } = ctx;
    const p = await people(t, org);
    const { body: submitted } = await submitAppeal(t, p.worker, validAppeal(org.code, { content: '2号宿舍楼顶的喇叭太响,夜班职工睡不好' }));
    const id = submitted.id;

    const accepted = await step(t, p.office, id, 'accept', { urgent: true, version: submitted.version });
    expect(accepted).toMatchObject({ status: 'accepted', urgent: true });
    const secretaryNotices = await t
      .http()
      .get('/api/me/notices')
      .set('Authorization', `Bearer ${await t.login(org.staff.secretary)}`);
    expect(secretaryNotices.body.items.map((n: { title: string }) => n.title)).toContain('特事特办诉求待批办');

    const directory = await t.http().get('/api/staff/directory').set('Authorization', `Bearer ${p.leader}`);
    const head = directory.body.departments.find((d: { code: string }) => d.code === 'logistics').handlers[0];
    const sheet = await step(t, p.leader, id, 'dispatch', {
      department: 'logistics',
      assignee: head.id,
      instructions: '请后勤管理部今天调低广播音量',
      measures: '调低音量,调整喇叭位置',
    });
    expect(sheet.staff?.assignee).toEqual({ id: head.id, name: '后勤部长' });
    const assignedToMe = await t.http().get('/api/appeals?assignee=me').set('Authorization', `Bearer ${p.logistics}`);
    expect(assignedToMe.body.items.map((a: { id: string }) => a.id)).toEqual([id]);
    expect(sheet.status).toBe('dispatched');
    expect(sheet.staff?.department).toEqual({ code: 'logistics', name: '后勤管理部' });
    // 特事特办: the answer is due within a day, not the category's three.
    const dueIn = new Date(sheet.staff!.dueAt!).getTime() - Date.now();
    expect(dueIn).toBeGreaterThan(23 * 3600_000);
    expect(dueIn).toBeLessThan(25 * 3600_000);

    await step(t, p.logistics, id, 'acknowledge');
    await step(t, p.logistics, id, 'progress', { text: '已调低音量' });
    const responded = await step(t, p.logistics, id, 'respond', { outcome: 'resolved', text: '广播音量已整体调低,喇叭移到东侧' });
    expect(responded).toMatchObject({ status: 'responded', outcome: 'resolved' });

    const replied = await step(t, p.office, id, 'reply', { text: '广播音量已调低,喇叭已移位,请您再感受一下', publicSummary: '宿舍楼顶广播音量调低、位置调整' });
    expect(replied.status).toBe('replied');
    const queue = await t.http().get('/api/appeals?queue=calls').set('Authorization', `Bearer ${p.office}`);
    expect(queue.body.items.map((a: { id: string }) => a.id)).toContain(id);
    await step(t, p.office, id, 'calls', { result: 'reached', summary: '职工表示满意' });
    const queueAfter = await t.http().get('/api/appeals?queue=calls').set('Authorization', `Bearer ${p.office}`);
    expect(queueAfter.body.items.map((a: { id: string }) => a.id)).not.toContain(id);

    const mine = await t.http().get(`/api/appeals/${id}`).set('Authorization', `Bearer ${p.worker}`);
    expect(mine.body.allowedActions).toEqual(['rate', 'messages']);
    // The worker sees the office's reply, not the department's internal answer or the call log.
    const types = mine.body.timeline.map((e: { type: string }) => e.type);
    expect(types).toEqual(['submitted', 'accepted', 'dispatched', 'acknowledged', 'progress', 'replied']);

    const rated = await step(t, p.worker, id, 'rate', { rating: 'basic', comment: '解决得挺快' });
    expect(rated).toMatchObject({ status: 'closed', rating: 'basic' });
  });

  it('sends an answer back to the department and takes the new one', async () => {
    const { t, org } = ctx;
    const p = await people(t, org);
    const { body } = await submitAppeal(t, p.worker, validAppeal(org.code));
    await step(t, p.office, body.id, 'accept');
    await step(t, p.office, body.id, 'dispatch', { department: 'logistics', instructions: '按常规办理' });
    await step(t, p.logistics, body.id, 'acknowledge');
    await step(t, p.logistics, body.id, 'respond', { outcome: 'explained', text: '澡堂人手不够' });
    const returned = await step(t, p.office, body.id, 'return', { reason: '请说明能否错峰延长' });
    expect(returned).toMatchObject({ status: 'in_progress', outcome: null });
    const scheduled = await step(t, p.logistics, body.id, 'respond', {
      outcome: 'scheduled',
      text: '下月起延长到九点',
      plannedAt: new Date(Date.now() + 20 * 86_400_000).toISOString(),
    });
    expect(scheduled.staff).toMatchObject({ supervised: true });
    await step(t, p.office, body.id, 'reply', { text: '下月起澡堂延长到九点' });
    // Under supervision the department still reports progress until the plan is done.
    const done = await step(t, p.logistics, body.id, 'progress', { text: '已延长开放时间', done: true });
    expect(done.staff).toMatchObject({ supervised: false });
    expect(done.allowedActions).not.toContain('progress');
  });

  it('reopens on 不满意 once, and only once', async () => {
    const { t, org } = ctx;
    const p = await people(t, org);
    const { body } = await submitAppeal(t, p.worker, validAppeal(org.code));
    const answer = async () => {
      await step(t, p.office, body.id, 'dispatch', { department: 'logistics', instructions: '请处理' });
      await step(t, p.logistics, body.id, 'acknowledge');
      await step(t, p.logistics, body.id, 'respond', { outcome: 'explained', text: '暂时无法办理' });
      await step(t, p.office, body.id, 'reply', { text: '暂时无法办理,原因已说明' });
    };
    await step(t, p.office, body.id, 'accept');
    await answer();
    const reopened = await step(t, p.worker, body.id, 'rate', { rating: 'unsatisfied', comment: '没解决' });
    expect(reopened).toMatchObject({ status: 'accepted', rating: 'unsatisfied' });
    await answer();
    const closed = await step(t, p.worker, body.id, 'rate', { rating: 'unsatisfied' });
    expect(closed.status).toBe('closed');
    const again = await act(t, p.office, body.id, 'reopen', { reason: '再试一次' });
    expect(again.status).toBe(409);
  });

  it('closes a replied appeal the worker has not rated in 7 days, by the injected clock', async () => {
    const { t, org } = ctx;
    const p = await people(t, org);
    const { body } = await submitAppeal(t, p.worker, validAppeal(org.code));
    await step(t, p.office, body.id, 'accept');
    await step(t, p.office, body.id, 'dispatch', { department: 'logistics', instructions: '请处理' });
    await step(t, p.logistics, body.id, 'acknowledge');
    await step(t, p.logistics, body.id, 'respond', { outcome: 'resolved', text: '已处理' });
    await step(t, p.office, body.id, 'reply', { text: '已处理好' });
    const workflow = t.app.get(WorkflowService);
    try {
      t.setNow(new Date(Date.now() + 6 * 86_400_000));
      await workflow.closeUnrated();
      expect((await t.http().get(`/api/appeals/${body.id}`).set('Authorization', `Bearer ${p.worker}`)).body.status).toBe('replied');
      t.setNow(new Date(Date.now() + 7 * 86_400_000 + 60_000));
      expect(await workflow.closeUnrated()).toBeGreaterThanOrEqual(1);
      expect(await workflow.closeUnrated()).toBe(0);
    } finally {
      t.setNow(null);
    }
    const view = await t.http().get(`/api/appeals/${body.id}`).set('Authorization', `Bearer ${p.worker}`);
    expect(view.body.status).toBe('closed');
    expect(view.body.timeline.at(-1)).toMatchObject({ type: 'auto_closed' });
  });

  it('merges a duplicate, tells its worker, and points them at the surviving appeal', async () => {
    const { t, org } = ctx;
    const p = await people(t, org);
    const other = await t.login(uniqueName('w2'));
    const { body: first } = await submitAppeal(t, other, validAppeal(org.code));
    const { body: duplicate } = await submitAppeal(t, p.worker, validAppeal(org.code, { content: '女澡堂开的时间太短了,洗不上' }));
    const merged = await step(t, p.office, duplicate.id, 'merge', { into: first.serial });
    expect(merged.status).toBe('merged');
    const seen = await t.http().get(`/api/appeals/${duplicate.id}`).set('Authorization', `Bearer ${p.worker}`);
    expect(seen.body.mergedInto).toEqual({ id: first.id, serial: first.serial, status: 'submitted', timeline: [] });
    const notices = await t.http().get('/api/me/notices').set('Authorization', `Bearer ${p.worker}`);
    expect(notices.body.items[0].title).toBe('诉求已合并办理');
    const self = await act(t, p.office, first.id, 'merge', { into: first.id });
    expect(self.status).toBe(422);
  });

  it('never shows a department the name or phone of a confidential worker, in any response', async () => {
    const { t, org } = ctx;
    const openid = uniqueName('secret');
    const p = await people(t, org, openid);
    await t.http().patch('/api/me').set('Authorization', `Bearer ${p.worker}`).send({ name: '黄占超', unit: '综掘一区', phone: '13712345678' });
    const { body } = await submitAppeal(
      t,
      p.worker,
      validAppeal(org.code, { category: 'rights', identity: 'confidential', phone: '13987654321', content: '工资条上的扣税看不明白' }),
    );
    await step(t, p.office, body.id, 'accept');
    const leaderView = await step(t, p.leader, body.id, 'dispatch', { department: 'payroll', instructions: '请劳资部解释扣税' });
    const handlerResponses = [
      await t.http().get('/api/appeals').set('Authorization', `Bearer ${p.payroll}`),
      await t.http().get(`/api/appeals/${body.id}`).set('Authorization', `Bearer ${p.payroll}`),
      await act(t, p.payroll, body.id, 'acknowledge'),
      await act(t, p.payroll, body.id, 'progress', { text: '已核对' }),
      await t.http().post(`/api/appeals/${body.id}/messages`).set('Authorization', `Bearer ${p.payroll}`).send({ text: '请问方便电话联系吗' }),
      await act(t, p.payroll, body.id, 'respond', { outcome: 'explained', text: '个税按累计预扣法计算' }),
      await t.http().get('/api/me/notices').set('Authorization', `Bearer ${p.payroll}`),
    ];
    for (const response of [...handlerResponses, { body: leaderView }]) {
      const text = JSON.stringify(response.body);
      for (const secret of ['黄占超', '综掘一区', '13712345678', '5678', '13987654321', '4321', openid]) expect(text).not.toContain(secret);
    }
    expect(handlerResponses[1].body.staff).toMatchObject({ submitter: null, identityProtected: 'confidential' });

    // A named appeal, by contrast, shows the department who to call back.
    const { body: named } = await submitAppeal(t, p.worker, validAppeal(org.code, { content: '劳保鞋尺码不全,希望补货', category: 'welfare' }), randomUUID());
    await step(t, p.office, named.id, 'accept');
    await step(t, p.office, named.id, 'dispatch', { department: 'logistics', instructions: '请补货' });
    const namedView = await t.http().get(`/api/appeals/${named.id}`).set('Authorization', `Bearer ${p.logistics}`);
    expect(namedView.body.staff.submitter).toMatchObject({ name: '黄占超', phone: '13712345678' });
  });
});

describe.each(enginesUnderTest())('dispatch sheets on %s', (engine) => {
  const ctx = useTestApp(engine);

  it('keeps every version of an amended sheet, and asks a reason to move the policy deadline', async () => {
    const { t, org } = ctx;
    const p = await people(t, org);
    const { body } = await submitAppeal(t, p.worker, validAppeal(org.code));
    await step(t, p.office, body.id, 'accept');
    await step(t, p.leader, body.id, 'dispatch', { department: 'logistics', instructions: '请处理' });
    await step(t, p.logistics, body.id, 'acknowledge');
    const farAway = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const noReason = await act(t, p.leader, body.id, 'dispatch', { department: 'mechanical', instructions: '改由机电部处理', dueAt: farAway });
    expect(noReason.body.code).toBe('DUE_AT_REASON_REQUIRED');
    const amended = await step(t, p.leader, body.id, 'dispatch', { department: 'mechanical', instructions: '改由机电部处理', dueAt: farAway, reason: '需厂家配件' });
    // Handed to another department, it waits for that department to acknowledge it.
    expect(amended.status).toBe('dispatched');
    expect(amended.staff!.sheets.map((s) => [s.version, s.department.code, s.dueReason])).toEqual([
      [1, 'logistics', null],
      [2, 'mechanical', '需厂家配件'],
    ]);
    // The department named first no longer sees it.
    expect((await t.http().get(`/api/appeals/${body.id}`).set('Authorization', `Bearer ${p.logistics}`)).status).toBe(404);
  });

  it('lets the office dispatch only categories with a standing rule', async () => {
    const { t, org } = ctx;
    const p = await people(t, org);
    const { body } = await submitAppeal(t, p.worker, validAppeal(org.code, { category: 'rights', identity: 'confidential' }));
    await step(t, p.office, body.id, 'accept');
    const refused = await act(t, p.office, body.id, 'dispatch', { department: 'payroll', instructions: '请解释' });
    expect(refused.status).toBe(403);
    expect((await act(t, p.leader, body.id, 'dispatch', { department: 'payroll', instructions: '请解释' })).status).toBe(200);
  });
});
