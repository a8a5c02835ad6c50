// Seeing a confidential worker's contact as a trusted system does it: the office asks with a reason,
// a second person (the party secretary, or whom the administrator named — never the requester)
// approves, the requester reads the contact while the approval lasts, each step is in the audit log,
// and the worker reads on their own timeline that the office looked.
import ExcelJS from 'exceljs';
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { download } from './support/download.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp, type TestApp } from './support/test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const HOUR = 3600_000;
const PARALLEL = 20;

const ask = (t: TestApp, token: string, appealId: string, body: object = { reason: '需要联系职工核实工资明细' }) =>
  t.http().post(`/api/appeals/${appealId}/reveal-requests`).set(auth(token)).send(body);
const decide = (t: TestApp, token: string, id: string, approve = true) => t.http().post(`/api/reveal-requests/${id}/decision`).set(auth(token)).send({ approve });
const contact = (t: TestApp, token: string, id: string) => t.http().post(`/api/reveal-requests/${id}/contact`).set(auth(token)).send({});

describe.each(enginesUnderTest())('revealing a confidential identity on %s', (engine) => {
  const ctx = useTestApp(engine, { APPEAL_LIMIT_PER_10_MINUTES: '1000', APPEAL_LIMIT_PER_DAY: '1000' });

  async function mine() {
    const { t } = ctx;
    const org = await t.createOrg();
    const worker = await t.login(uniqueName('w'));
    await t.http().patch('/api/me').set(auth(worker)).send({ name: '黄占超', phone: '13712345678' });
    const people = {
      worker,
      office: await t.login(org.staff.coordinator),
      secretary: await t.login(org.staff.secretary),
      leader: await t.login(org.staff.leader),
      admin: await t.login(org.staff.admin),
    };
    const submit = async (identity: string) => (await submitAppeal(t, worker, validAppeal(org.code, { category: 'rights', identity, content: '工资条扣税不清楚' }))).body;
    return { org, people, submit };
  }

  it('asks a reason, needs a second person, lasts a day, tells the worker and audits each step', async () => {
    const { t } = ctx;
    const { people: p, submit } = await mine();
    const appeal = await submit('confidential');
    t.setNow(new Date('2030-03-02T08:00:00Z'));

    expect((await ask(t, p.office, appeal.id, {})).body.code).toBe('ACTION_REASON_REQUIRED');
    expect((await ask(t, p.leader, appeal.id)).status).toBe(403);
    const asked = await ask(t, p.office, appeal.id);
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ appeal: { id: appeal.id, serial: appeal.serial }, state: 'pending', reason: '需要联系职工核实工资明细', expiresAt: null, canDecide: false });
    expect((await ask(t, p.office, appeal.id)).body.code).toBe('REVEAL_ALREADY_OPEN');
    const id = asked.body.id as string;

    // Nothing to read before a second person says yes; the staff view still hides the worker.
    expect((await contact(t, p.office, id)).body.code).toBe('REVEAL_NOT_GRANTED');
    expect((await t.http().get(`/api/appeals/${appeal.id}`).set(auth(p.office))).body.staff.submitter).toBeNull();
    // The requester is no approver, a leader who is not the secretary neither.
    expect((await decide(t, p.office, id)).body.code).toBe('REVEAL_NOT_APPROVER');
    expect((await decide(t, p.leader, id)).body.code).toBe('REVEAL_NOT_APPROVER');
    const inbox = (await t.http().get('/api/me/notices').set(auth(p.secretary))).body;
    expect(JSON.stringify(inbox)).toContain(`诉求 ${appeal.serial}:党群工作部申请查看职工联系方式`);
    const pending = await t.http().get('/api/reveal-requests').set(auth(p.secretary));
    expect(pending.body.items).toEqual([expect.objectContaining({ id, state: 'pending', canDecide: true })]);

    const approved = await decide(t, p.secretary, id);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ state: 'approved', expiresAt: '2030-03-03T08:00:00.000Z' });
    expect((await decide(t, p.secretary, id, false)).body.code).toBe('REVEAL_STATE_CONFLICT');

    // Only the requester reads it; the worker learns it once, whatever the number of reads.
    expect((await contact(t, p.secretary, id)).status).toBe(404);
    expect((await contact(t, p.office, id)).body).toEqual({ name: '黄占超', unit: null, phone: '13712345678' });
    expect((await contact(t, p.office, id)).status).toBe(200);
    const workerView = (await t.http().get(`/api/appeals/${appeal.id}`).set(auth(p.worker))).body;
    expect(workerView.timeline.filter((e: { text: string }) => e.text === '党群工作部因回访需要查看了您的联系方式')).toHaveLength(1);
    const staffTimeline = (await t.http().get(`/api/appeals/${appeal.id}`).set(auth(p.office))).body.timeline.map((e: { type: string }) => e.type);
    expect(staffTimeline).toEqual(expect.arrayContaining(['identity_reveal_requested', 'identity_reveal_decided', 'identity_revealed']));
    const audit = (await t.http().get('/api/admin/audit').set(auth(p.admin))).body as Array<{ action: string; key: string; after: { request?: string } }>;
    const steps = audit.filter((e) => e.after?.request === id).map((e) => e.action);
    expect(steps.sort()).toEqual(['identity_reveal.approve', 'identity_reveal.request', 'identity_reveal.use', 'identity_reveal.use']);

    // A day later it is over.
    t.setNow(new Date('2030-03-03T08:00:01Z'));
    expect((await contact(t, p.office, id)).body.code).toBe('REVEAL_NOT_GRANTED');
    expect((await t.http().get('/api/reveal-requests').set(auth(p.office))).body.items[0]).toMatchObject({ id, state: 'expired' });
    t.setNow(null);
  });

  it('lets the administrator name another approver and the hours, never the requester approving themself', async () => {
    const { t } = ctx;
    const { org, people: p, submit } = await mine();
    const put = (body: object) => t.http().put('/api/admin/reveal-settings').set(auth(p.admin)).send(body);
    expect((await put({ approver: 'nobody_here' })).body.code).toBe('REVEAL_SETTINGS_INVALID');
    expect((await put({ hours: 0 })).body.code).toBe('REVEAL_SETTINGS_INVALID');
    expect((await put({ approver: org.staff.coordinator, hours: 2 })).body).toEqual({ approver: org.staff.coordinator, hours: 2 });
    const appeal = await submit('confidential');
    const { body } = await ask(t, p.office, appeal.id);
    expect((await decide(t, p.office, body.id)).body.code).toBe('REVEAL_SELF_APPROVAL');
    expect((await put({ approver: org.staff.leader })).body).toEqual({ approver: org.staff.leader, hours: 2 });
    const decided = await decide(t, p.leader, body.id, false);
    expect(decided.body.state).toBe('refused');
    expect((await contact(t, p.office, body.id)).body.code).toBe('REVEAL_NOT_GRANTED');
    // Refused: the office may ask again; approved, the leader's approval lasts two hours.
    const again = await ask(t, p.office, appeal.id);
    const approved = await decide(t, p.leader, again.body.id);
    expect(new Date(approved.body.expiresAt).getTime() - Date.now()).toBeGreaterThan(2 * HOUR - 60_000);
    expect(new Date(approved.body.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(2 * HOUR);
  });

  it('has nobody to reveal behind an anonymous or a named appeal', async () => {
    const { t } = ctx;
    const { people: p, submit } = await mine();
    for (const identity of ['anonymous', 'named']) expect((await ask(t, p.office, (await submit(identity)).id)).body.code).toBe('REVEAL_NOT_CONFIDENTIAL');
  });

  it('shows the office a confidential name in the Excel export only while its reveal is approved, and audits every export', async () => {
    const { t } = ctx;
    const { people: p, submit } = await mine();
    t.setNow(new Date('2030-05-10T02:00:00Z'));
    const appeal = await submit('confidential');
    expect((await act(t, p.office, appeal.id, 'accept')).status).toBe(200);
    const month = '2030-05';
    const file = async () => (await download(t, `/api/reports/${month}.xlsx`, p.office)).body;
    const names = async () => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await file()) as unknown as ArrayBuffer);
      return JSON.stringify(book.getWorksheet('诉求明细')!.getSheetValues());
    };
    expect(await names()).not.toContain('黄占超');
    const { body } = await ask(t, p.office, appeal.id);
    expect(await names()).not.toContain('黄占超');
    await decide(t, p.secretary, body.id);
    expect(await names()).toContain('黄占超');
    const exports = ((await t.http().get('/api/admin/audit').set(auth(p.admin))).body as Array<{ action: string; key: string; after: Record<string, unknown> }>).filter(
      (e) => e.action === 'report.export',
    );
    expect(exports.map((e) => e.after)).toEqual([
      { month, withIdentities: true, namedWorkers: 0, confidentialRevealed: [appeal.serial] },
      { month, withIdentities: false, namedWorkers: 0, confidentialRevealed: [] },
      { month, withIdentities: false, namedWorkers: 0, confidentialRevealed: [] },
    ]);
    t.setNow(null);
  });

  if (engine === 'mariadb') {
    it(`makes one request of ${PARALLEL} taps at once, and one decision of ${PARALLEL} at once`, async () => {
      const { t } = ctx;
      const { people: p, submit } = await mine();
      const appeal = await submit('confidential');
      const asked = await Promise.all(Array.from({ length: PARALLEL }, () => ask(t, p.office, appeal.id)));
      expect(asked.filter((r) => r.status === 201)).toHaveLength(1);
      expect(asked.filter((r) => r.body.code === 'REVEAL_ALREADY_OPEN')).toHaveLength(PARALLEL - 1);
      const id = asked.find((r) => r.status === 201)!.body.id as string;
      const decided = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => decide(t, p.secretary, id, i % 2 === 0)));
      expect(decided.filter((r) => r.status === 200)).toHaveLength(1);
      expect(decided.filter((r) => r.body.code === 'REVEAL_STATE_CONFLICT')).toHaveLength(PARALLEL - 1);
      const [{ n }] = await t.db.query('SELECT COUNT(*) AS n FROM reveal_requests WHERE appeal_id = ?', [appeal.id]);
      expect(Number(n)).toBe(1);
    });
  }
});
