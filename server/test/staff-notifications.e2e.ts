// Staff hear of new work, reminders and escalations in their inbox, by WeChat (when they granted a
// credit with 接收提醒) and in their department's 企业微信 group — and none of it exposes a
// confidential or anonymous worker. What did not arrive is listed for the office, and can be sent again.
import { DeadlineRunner } from '../src/deadlines/deadline-runner.js';
import { OutboxDispatcher } from '../src/notifications/outbox-dispatcher.js';
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp, type TestApp } from './support/test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The webhook key of a department's group robot in the test organisation. */
async function robotKey(t: TestApp, orgCode: string, department: string): Promise<string> {
  const [row] = await t.db.query('SELECT d.robot_key AS robotKey FROM departments d JOIN organizations o ON o.id = d.org_id WHERE o.code = ? AND d.code = ?', [
    orgCode,
    department,
  ]);
  return row.robotKey ?? row.robotkey;
}

/** A worker with a name, a unit and a phone that must never reach a staff channel. */
async function identifiableWorker(t: TestApp) {
  const openid = uniqueName('secret');
  const token = await t.login(openid);
  // The phone ends in four digits no date, time or serial number can contain (a serial's org code and year-month
  // once made a random phone's last four look leaked), so only a real leak puts them in the staff's text.
  const person = { name: `赵${openid.slice(-4)}`, unit: '综采一队', phone: `139${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}8888` };
  const profile = await t.http().patch('/api/me').set(auth(token)).send(person);
  expect(profile.status).toBe(200);
  return { openid, token, ...person };
}

async function grantTodo(t: TestApp, token: string): Promise<void> {
  const response = await t.acceptMessages(token, { [t.config.wechat.templates.todo]: 'accept' });
  expect(response.status).toBe(200);
}

describe.each(enginesUnderTest())('staff notifications on %s', (engine) => {
  const ctx = useTestApp(engine);
  afterEach(() => ctx.t.setNow(null));

  it.each(['confidential', 'anonymous'] as const)("tells the department of a %s appeal by WeChat and its group robot without the worker's identity", async (identity) => {
    const { t, org } = ctx;
    const worker = await identifiableWorker(t);
    const office = await t.login(org.staff.coordinator);
    const logistics = await t.login(org.staff.logistics);
    await grantTodo(t, logistics);
    const content = `${worker.name}反映:${worker.unit}宿舍楼顶的大喇叭每天早上六点响,夜班职工休息不好,电话${worker.phone}`;
    const { body } = await submitAppeal(t, worker.token, validAppeal(org.code, { identity, content, phone: worker.phone, category: 'living' }));
    expect((await act(t, office, body.id, 'accept')).status).toBe(200);
    expect((await act(t, office, body.id, 'dispatch', { department: 'logistics', instructions: '请后勤管理部核实整改' })).status).toBe(200);
    // A retried dispatch is refused, so the department is told once.
    await t.app.get(OutboxDispatcher).runDue(new Date(Date.now() + 1000), 200);

    const [todo, ...more] = t.simulator.records.messagesTo(org.staff.logistics).filter((m) => m.page === `admin/appeal/index?id=${body.id}`);
    expect(more).toEqual([]);
    expect(todo.template_id).toBe(t.config.wechat.templates.todo);
    expect(todo.data).toMatchObject({ thing1: { value: '新的批办单' }, character_string2: { value: body.serial }, thing4: { value: '后勤管理部办理' } });

    const key = await robotKey(t, org.code, 'logistics');
    const posts = t.simulator.records.robotMessages(key).filter((m) => m.content.includes(body.serial));
    expect(posts).toHaveLength(1);
    expect(posts[0].content).toContain('**【民情一码通】新的批办单**');
    expect(posts[0].content).toContain(`${t.config.publicBaseUrl}/#/admin/appeal/index?id=${body.id}`);

    const notices = await t.http().get('/api/me/notices').set(auth(logistics));
    const staffText = JSON.stringify([todo, posts, notices.body.items.filter((n: { appealId: string }) => n.appealId === body.id)]);
    for (const secret of [worker.name, worker.unit, worker.phone, worker.phone.slice(-4), worker.openid, '大喇叭']) {
      expect(staffText).not.toContain(secret);
    }
  });

  it("tells the office and the department of a worker's 补充说明, the office of a department's answer, and the worker of a staff question — each once, without the words", async () => {
    const { t, org } = ctx;
    const worker = await identifiableWorker(t);
    const office = await t.login(org.staff.coordinator);
    const logistics = await t.login(org.staff.logistics);
    // Two taps of 允许: one message for the dispatch (诉求已交办), one for the question.
    for (let i = 0; i < 2; i++) await t.acceptMessages(worker.token, { [t.config.wechat.templates.progress]: 'accept' });
    const { body } = await submitAppeal(t, worker.token, validAppeal(org.code, { identity: 'confidential' }));
    await act(t, office, body.id, 'accept');
    await act(t, office, body.id, 'dispatch', { department: 'logistics', instructions: '请后勤管理部核实' });
    await act(t, logistics, body.id, 'acknowledge');
    const noticesOf = async (token: string, title: string) =>
      ((await t.http().get('/api/me/notices').set(auth(token))).body.items as Array<{ appealId: string; title: string; body: string }>).filter(
        (n) => n.appealId === body.id && n.title === title,
      );

    const words = `${worker.name}补充:热水每天晚上十点以后就停了`;
    expect((await t.http().post(`/api/appeals/${body.id}/messages`).set(auth(worker.token)).send({ text: words })).status).toBe(201);
    const toOffice = await noticesOf(office, '职工补充了说明');
    const toDepartment = await noticesOf(logistics, '职工补充了说明');
    expect([toOffice.length, toDepartment.length]).toEqual([1, 1]);
    expect(JSON.stringify([toOffice, toDepartment])).not.toMatch(new RegExp(`${worker.name}|十点`));
    await t.app.get(OutboxDispatcher).runDue(new Date(Date.now() + 1000), 200);
    const posts = t.simulator.records
      .robotMessages(await robotKey(t, org.code, 'logistics'))
      .filter((m) => m.content.includes('职工补充了说明') && m.content.includes(body.serial));
    expect(posts).toHaveLength(1);
    expect(posts[0].content).not.toContain('十点');

    expect((await act(t, logistics, body.id, 'respond', { outcome: 'resolved', text: '已调整热水供应时间到夜里十二点' })).status).toBe(200);
    expect(await noticesOf(office, '部门已答复,待复核')).toHaveLength(1);

    expect((await t.http().post(`/api/appeals/${body.id}/messages`).set(auth(office)).send({ text: '请问您住几号楼?' })).status).toBe(201);
    expect(await noticesOf(worker.token, '工作人员给您留言了')).toHaveLength(1);
    await t.app.get(OutboxDispatcher).runDue(new Date(Date.now() + 2000), 200);
    const told = t.simulator.records.messagesTo(worker.openid).filter((m) => m.page?.includes(body.id) && JSON.stringify(m.data).includes('工作人员给您留言了'));
    expect(told).toHaveLength(1);
  });

  it('tells a department of an amended sheet as amended, a moved sheet as new to the one and moved to the other, and the worker where it went', async () => {
    const { t, org } = ctx;
    const worker = await identifiableWorker(t);
    const office = await t.login(org.staff.coordinator);
    const logistics = await t.login(org.staff.logistics);
    const payroll = await t.login(org.staff.payroll);
    const { body } = await submitAppeal(t, worker.token, validAppeal(org.code, { category: 'living' }));
    await act(t, office, body.id, 'accept');
    expect((await act(t, office, body.id, 'dispatch', { department: 'logistics', instructions: '请核实热水供应' })).status).toBe(200);
    await act(t, logistics, body.id, 'acknowledge');
    expect((await act(t, office, body.id, 'dispatch', { department: 'logistics', instructions: '请核实热水供应,并查看锅炉房排班' })).status).toBe(200);
    expect((await act(t, office, body.id, 'dispatch', { department: 'payroll', instructions: '请核实夜班补贴' })).status).toBe(200);
    const titles = async (token: string) =>
      ((await t.http().get('/api/me/notices').set(auth(token))).body.items as Array<{ appealId: string; title: string }>)
        .filter((n) => n.appealId === body.id)
        .map((n) => n.title)
        .sort();
    expect(await titles(logistics)).toEqual(['批办单已修改', '批办单已改派', '新的批办单'].sort());
    expect(await titles(payroll)).toEqual(['新的批办单']);
    expect((await titles(worker.token)).filter((title) => title === '诉求已交办')).toHaveLength(2);
    const notices = (await t.http().get('/api/me/notices').set(auth(worker.token))).body.items as Array<{ appealId: string; title: string; body: string }>;
    expect(notices.filter((n) => n.appealId === body.id && n.title === '诉求已交办').map((n) => n.body)).toEqual(
      expect.arrayContaining([`您的诉求 ${body.serial} 已交给后勤管理部办理。`, `您的诉求 ${body.serial} 已交给劳资部办理。`]),
    );
  });

  it('sends reminders and escalations to the staff and the group robot, once each', async () => {
    const { t, org } = ctx;
    const start = new Date('2026-11-23T01:00:00Z'); // a Monday, 09:00 in the mine
    t.setNow(start);
    const worker = await identifiableWorker(t);
    const office = await t.login(org.staff.coordinator);
    const { body } = await submitAppeal(t, worker.token, validAppeal(org.code, { identity: 'confidential', content: `${worker.name}:澡堂热水不热` }));
    await act(t, office, body.id, 'accept');
    await act(t, office, body.id, 'dispatch', { department: 'logistics', instructions: '请处理' });
    const runner = t.app.get(DeadlineRunner);
    // Past every reminder and every escalation rung of the answer step (three days, then the rungs).
    for (let day = 1; day <= 12; day++) {
      const at = new Date(start.getTime() + day * 24 * 3600_000);
      t.setNow(at);
      await runner.runDue(at);
      await runner.runDue(at);
    }
    const later = new Date(start.getTime() + 13 * 24 * 3600_000);
    await t.app.get(OutboxDispatcher).runDue(later, 500);

    const key = await robotKey(t, org.code, 'logistics');
    const posts = t.simulator.records
      .robotMessages(key)
      .filter((m) => m.content.includes(body.serial))
      .map((m) => m.content.split('\n')[0]);
    expect(posts).toContain('**【民情一码通】新的批办单**');
    expect(posts).toContain('**【民情一码通】即将到期:答复**');
    expect(posts).toContain('**【民情一码通】已逾期:答复**');
    // One post per event: the dispatch, and each reminder and each escalation rung the runner carried out
    // (run twice at every moment, it carried out each once).
    const [{ n }] = await t.db.query("SELECT COUNT(*) AS n FROM appeal_events WHERE appeal_id = ? AND type IN ('reminder', 'escalated')", [body.id]);
    expect(Number(n)).toBeGreaterThanOrEqual(3);
    expect(posts).toHaveLength(1 + Number(n));
    expect(JSON.stringify(t.simulator.records.robotMessages(key))).not.toContain(worker.name);
  });

  it("lists what did not arrive for the office, with WeChat's answer, and sends it again", async () => {
    const { t, org } = ctx;
    const office = await t.login(org.staff.coordinator);
    const payroll = await t.login(org.staff.payroll);
    await grantTodo(t, payroll);
    const worker = await t.login(uniqueName('w'));
    const { body } = await submitAppeal(t, worker, validAppeal(org.code, { category: 'rights', content: '工资条上的个税扣款没人解释,想问清楚' }));
    await act(t, office, body.id, 'accept');
    t.simulator.refuseNext(org.staff.payroll, 40003);
    await act(t, await t.login(org.staff.secretary), body.id, 'dispatch', { department: 'payroll', instructions: '请劳资部解释个税扣款' });
    await t.app.get(OutboxDispatcher).runDue(new Date(Date.now() + 1000), 200);

    const dead = await t.http().get('/api/admin/outbox').set(auth(office));
    expect(dead.status).toBe(200);
    const item = dead.body.items.find((i: { appeal: { id: string } | null }) => i.appeal?.id === body.id);
    expect(item).toMatchObject({ channel: 'wechat', state: 'dead', title: '新的批办单', recipient: { kind: 'staff' }, appeal: { serial: body.serial } });
    expect(item.lastError).toContain('40003');
    expect(dead.body.counts.dead).toBeGreaterThanOrEqual(1);

    expect((await t.http().get('/api/admin/outbox').set(auth(payroll))).status).toBe(403);
    expect((await t.http().get('/api/admin/outbox?state=bogus').set(auth(office))).body.code).toBe('VALIDATION_FAILED');
    const retried = await t.http().post(`/api/admin/outbox/${item.id}/retry`).set(auth(office));
    expect(retried.status).toBe(200);
    expect((await t.http().post(`/api/admin/outbox/${item.id}/retry`).set(auth(office))).body.code).toBe('OUTBOX_MESSAGE_NOT_FAILED');
    await t.app.get(OutboxDispatcher).runDue(new Date(Date.now() + 2000), 200);
    expect(t.simulator.records.messagesTo(org.staff.payroll).filter((m) => m.page === `admin/appeal/index?id=${body.id}`)).toHaveLength(1);
    // The credit spent on the first try is not spent again.
    const credits = await t.http().get('/api/me/subscriptions').set(auth(payroll));
    expect(credits.body.credits[t.config.wechat.templates.todo] ?? 0).toBe(0);
    const other = await t.createOrg();
    expect(
      (
        await t
          .http()
          .post(`/api/admin/outbox/${item.id}/retry`)
          .set(auth(await t.login(other.staff.admin)))
      ).status,
    ).toBe(404);
  });

  it("lets the administrator turn the group robots off and set a department's key, never showing it back", async () => {
    const { t } = ctx;
    const org = await t.createOrg();
    const admin = await t.login(org.staff.admin);
    const settings = () => t.http().get('/api/admin/notification-settings').set(auth(admin));
    expect((await settings()).body).toMatchObject({ robot: true });
    expect(JSON.stringify((await settings()).body)).not.toContain(await robotKey(t, org.code, 'logistics'));

    for (const bad of [{ robot: 'yes' }, { departments: { logistics: 'short' } }, { departments: ['x'] }, { robot: true, extra: 1 }, null]) {
      const response = await t
        .http()
        .put('/api/admin/notification-settings')
        .set(auth(admin))
        .send(bad as object);
      expect([response.status, response.body.code]).toEqual([400, 'NOTIFICATION_SETTINGS_INVALID']);
    }
    expect(
      (
        await t
          .http()
          .put('/api/admin/notification-settings')
          .set(auth(admin))
          .send({ departments: { nowhere: null } })
      ).body.code,
    ).toBe('DEPARTMENT_UNKNOWN');
    expect(
      (
        await t
          .http()
          .put('/api/admin/notification-settings')
          .set(auth(await t.login(org.staff.coordinator)))
          .send({ robot: false })
      ).status,
    ).toBe(403);

    const off = await t
      .http()
      .put('/api/admin/notification-settings')
      .set(auth(admin))
      .send({ robot: false, departments: { payroll: null } });
    expect(off.body.robot).toBe(false);
    expect(off.body.departments.find((d: { code: string }) => d.code === 'payroll').robotKeySet).toBe(false);
    const key = await robotKey(t, org.code, 'logistics');
    const worker = await t.login(uniqueName('w'));
    const { body } = await submitAppeal(t, worker, validAppeal(org.code));
    const office = await t.login(org.staff.coordinator);
    await act(t, office, body.id, 'accept');
    await act(t, office, body.id, 'dispatch', { department: 'logistics', instructions: '请处理' });
    await t.app.get(OutboxDispatcher).runDue(new Date(Date.now() + 1000), 200);
    expect(t.simulator.records.robotMessages(key)).toEqual([]);
    // The deadline policy kept in the same settings is untouched.
    expect((await t.http().get('/api/admin/deadline-policy').set(auth(admin))).status).toBe(200);
  });

  it("never puts a staff member's mobile in the worker's message or inbox", async () => {
    const { t, org } = ctx;
    const office = await t.login(org.staff.coordinator);
    const openid = uniqueName('w');
    const worker = await t.login(openid);
    const { replied, accepted } = t.config.wechat.templates;
    await t.acceptMessages(worker, { [replied]: 'accept', [accepted]: 'accept' });
    const { body } = await submitAppeal(t, worker, validAppeal(org.code));
    await act(t, office, body.id, 'reject', { reason: '请直接联系王主任13812345678办理' });
    await t.app.get(OutboxDispatcher).runDue(new Date(Date.now() + 1000), 200);
    const inbox = await t.http().get('/api/me/notices').set(auth(worker));
    const text = JSON.stringify([t.simulator.records.messagesTo(openid), inbox.body.items]);
    expect(text).not.toContain('13812345678');
    expect(inbox.body.items.map((n: { body: string }) => n.body)).toContain(`您的诉求 ${body.serial} 未予受理,原因:请直接联系王主任138****5678办理`);
  });
});
