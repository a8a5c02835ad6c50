// Hardship relief through WeChat Pay's simulator, whose answers and notices are signed with a test
// platform key so wechatpay-axios-plugin's verification runs for real: two approvals, the budget,
// the worker's confirmation, a failure, duplicate and forged notices, a notice that never comes, and
// a transfer whose answer was lost — paid once.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ReliefView } from '@minqing/shared';
import { ReliefService } from '../src/relief/relief.service.js';
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp, type TestApp, type TestOrg } from './support/test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

interface Case {
  org: TestOrg;
  appealId: string;
  worker: { openid: string; token: string };
  office: string;
  leader: string;
  approver: string;
}

/** A mine with a budget and a named approver, and an accepted 困难救助 appeal. */
async function hardshipCase(t: TestApp, budgetFen = 100_000): Promise<Case> {
  const org = await t.createOrg();
  const admin = await t.login(org.staff.admin);
  const settings = await t.http().put('/api/admin/relief-settings').set(auth(admin)).send({ monthlyBudgetFen: budgetFen, approver: org.staff.admin });
  expect(settings.status).toBe(200);
  const openid = uniqueName('hardship');
  const token = await t.login(openid);
  const { body } = await submitAppeal(t, token, validAppeal(org.code, { category: 'hardship', identity: 'confidential', content: '家里老人住院,每月工资不够开销,想申请困难救助' }));
  const office = await t.login(org.staff.coordinator);
  expect((await act(t, office, body.id, 'accept')).status).toBe(200);
  return { org, appealId: body.id, worker: { openid, token }, office, leader: await t.login(org.staff.leader), approver: admin };
}

async function propose(t: TestApp, c: Case, amountFen: unknown = 50_000) {
  return t.http().post(`/api/appeals/${c.appealId}/relief`).set(auth(c.office)).send({ amountFen, reason: '经走访核实,家庭确有困难' });
}

const decide = (t: TestApp, token: string, id: string, approve = true) => t.http().post(`/api/relief/${id}/decision`).set(auth(token)).send({ approve });

async function approved(t: TestApp, c: Case): Promise<ReliefView> {
  const proposal = await propose(t, c);
  expect(proposal.status).toBe(201);
  expect((await decide(t, c.leader, proposal.body.id)).body.state).toBe('proposed');
  return (await decide(t, c.approver, proposal.body.id)).body;
}

const workerView = async (t: TestApp, c: Case): Promise<ReliefView> => (await t.http().get(`/api/appeals/${c.appealId}/relief`).set(auth(c.worker.token))).body.items[0];

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 50; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return read();
}

describe.each(enginesUnderTest())('hardship relief on %s', (engine) => {
  const ctx = useTestApp(engine);

  it('pays the worker after two approvals and their confirmation in WeChat', async () => {
    const { t } = ctx;
    const c = await hardshipCase(t);
    const relief = await approved(t, c);
    expect(relief).toMatchObject({ state: 'wait_user_confirm', amountFen: 50_000, amount: '¥500.00', approvals: { leader: true, approver: true } });
    const mine = await workerView(t, c);
    expect(mine.claim).toMatchObject({ mchId: '1900000001', appId: t.config.wechat.appid, package: expect.any(String) });
    expect(mine).not.toHaveProperty('reason');

    // The worker taps 领取救助金: WeChat confirms, WeChat Pay sends its signed notice.
    expect((await t.http().post('/__sim/pay/confirm').send({ package: mine.claim!.package })).body.state).toBe('SUCCESS');
    expect(
      (
        await eventually(
          () => workerView(t, c),
          (r) => r.state === 'paid',
        )
      ).state,
    ).toBe('paid');
    const [bill] = t.simulator.pay!.bills().filter((b) => b.openid === c.worker.openid);
    expect(bill).toMatchObject({ transfer_amount: 50_000, transfer_scene_id: '1002', state: 'SUCCESS' });
    const events = await t.db.query("SELECT text, visible_to_worker AS visible FROM appeal_events WHERE appeal_id = ? AND type = 'relief' ORDER BY created_at, id", [c.appealId]);
    expect(events.map((e: { text: string }) => e.text)).toEqual([
      '救助金申请:¥500.00,理由:经走访核实,家庭确有困难',
      '矿领导同意发放救助金 ¥500.00',
      '救助金 ¥500.00 已批准,正在发放',
      '救助金 ¥500.00 已到账',
    ]);
    expect(events.every((e: { visible: unknown }) => !Number(e.visible))).toBe(true);
    const audit = (await t.http().get('/api/admin/audit').set(auth(c.approver))).body.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['relief.propose', 'relief.approve', 'relief.paid']));
  });

  it('records a failed transfer, and a second notice of the same bill changes nothing', async () => {
    const { t } = ctx;
    const c = await hardshipCase(t);
    t.simulator.pay!.failFor(c.worker.openid, 'ACCOUNT_FROZEN');
    const relief = await approved(t, c);
    await t
      .http()
      .post('/__sim/pay/confirm')
      .send({ package: (await workerView(t, c)).claim!.package });
    const failed = await eventually(
      () => t.http().get(`/api/appeals/${c.appealId}/relief`).set(auth(c.office)),
      (r) => r.body.items[0].state === 'failed',
    );
    expect(failed.body.items[0]).toMatchObject({ state: 'failed', failReason: 'ACCOUNT_FROZEN' });
    const [before] = await t.db.query('SELECT version, updated_at AS at FROM relief_records WHERE id = ?', [relief.id]);
    const outBillNo = relief.id.replace(/-/g, '');
    expect(await t.simulator.pay!.notify(outBillNo)).toBe(204);
    const [after] = await t.db.query('SELECT version, updated_at AS at FROM relief_records WHERE id = ?', [relief.id]);
    expect(after).toEqual(before);
  });

  it('refuses a forged or stale notice with 401 and changes nothing', async () => {
    const { t } = ctx;
    const c = await hardshipCase(t);
    t.simulator.pay!.failFor(c.worker.openid);
    t.simulator.pay!.suppressNextNotice();
    const relief = await approved(t, c);
    const outBillNo = relief.id.replace(/-/g, '');
    // The bill failed at WeChat Pay; its notice has not arrived.
    await t
      .http()
      .post('/__sim/pay/confirm')
      .send({ package: (await workerView(t, c)).claim!.package });
    const post = (notice: { headers: Record<string, string>; body: string }) => t.http().post('/api/wxpay/notify').set(notice.headers).send(notice.body);
    const now = Math.floor(Date.now() / 1000);
    const stale = t.simulator.pay!.noticeFor(outBillNo, now - 3600)!;
    const genuine = t.simulator.pay!.noticeFor(outBillNo, now)!;
    const tampered = { headers: genuine.headers, body: genuine.body.replace('"event_type"', '"event_type" ') };
    const unsigned = { headers: { ...genuine.headers, 'Wechatpay-Signature': randomBytes(256).toString('base64') }, body: genuine.body };
    for (const bad of [stale, tampered, unsigned]) {
      const response = await post(bad);
      expect([response.status, response.body.code]).toEqual([401, 'PAY_NOTICE_INVALID']);
    }
    expect((await workerView(t, c)).state).toBe('wait_user_confirm');
    // The genuine one settles it.
    expect((await post(genuine)).status).toBe(204);
    expect((await t.http().get(`/api/appeals/${c.appealId}/relief`).set(auth(c.office))).body.items[0].state).toBe('failed');
  });

  it('settles a bill whose notice never came, by asking WeChat Pay', async () => {
    const { t } = ctx;
    const c = await hardshipCase(t);
    await approved(t, c);
    t.simulator.pay!.suppressNextNotice();
    await t
      .http()
      .post('/__sim/pay/confirm')
      .send({ package: (await workerView(t, c)).claim!.package });
    expect((await workerView(t, c)).state).toBe('wait_user_confirm');
    expect(await t.app.get(ReliefService).reconcile()).toBeGreaterThanOrEqual(1);
    expect((await workerView(t, c)).state).toBe('paid');
  });

  it("pays once when the first transfer's answer is lost: the retry uses the same out_bill_no", async () => {
    const { t } = ctx;
    const c = await hardshipCase(t);
    t.simulator.pay!.dropNextTransferResponse();
    const relief = await approved(t, c);
    expect(relief.state).toBe('paying');
    await t.app.get(ReliefService).reconcile();
    await t.app.get(ReliefService).reconcile();
    expect((await workerView(t, c)).state).toBe('wait_user_confirm');
    const bills = t.simulator.pay!.bills().filter((b) => b.openid === c.worker.openid);
    expect(bills).toHaveLength(1);
    const transfers = t.simulator.records
      .received()
      .filter((r) => r.api === 'pay/v3/fund-app/mch-transfer/transfer-bills' && (r.body as { openid: string }).openid === c.worker.openid);
    expect(transfers.length).toBeGreaterThanOrEqual(1);
    expect(new Set(transfers.map((r) => (r.body as { out_bill_no: string }).out_bill_no))).toEqual(new Set([relief.id.replace(/-/g, '')]));
  });

  it('refuses a budget overrun, a self-approval, one person approving twice, and a float amount', async () => {
    const { t } = ctx;
    const c = await hardshipCase(t, 60_000);
    const first = await approved(t, c);
    expect(first.state).toBe('wait_user_confirm');
    // Another appeal of the same mine asks for more than the month has left.
    const second = await submitAppeal(t, c.worker.token, validAppeal(c.org.code, { category: 'hardship', content: '孩子上学学费困难,申请救助' }));
    await act(t, c.office, second.body.id, 'accept');
    const proposal = await t.http().post(`/api/appeals/${second.body.id}/relief`).set(auth(c.office)).send({ amountFen: 20_000, reason: '学费困难' });
    expect((await decide(t, c.office, proposal.body.id)).body.code).toBe('RELIEF_SELF_APPROVAL');
    await decide(t, c.leader, proposal.body.id);
    expect((await decide(t, c.leader, proposal.body.id)).body.code).toBe('RELIEF_STATE_CONFLICT');
    const over = await decide(t, c.approver, proposal.body.id);
    expect([over.status, over.body.code, over.body.details]).toEqual([409, 'RELIEF_BUDGET_EXCEEDED', { budgetFen: 60_000, committedFen: 50_000 }]);
    const [{ state }] = await t.db.query('SELECT state FROM relief_records WHERE id = ?', [proposal.body.id]);
    expect(state).toBe('proposed');

    // Amounts are checked before anything else: only a positive whole number of fen is money.
    for (const amount of [500.5, '50000', -1, 0, 1e20, null]) {
      const bad = await t.http().post(`/api/appeals/${second.body.id}/relief`).set(auth(c.office)).send({ amountFen: amount, reason: '理由' });
      expect([bad.status, bad.body.code]).toEqual([400, 'RELIEF_AMOUNT_INVALID']);
    }
    const living = await submitAppeal(t, await t.login(uniqueName('w')), validAppeal(c.org.code));
    await act(t, c.office, living.body.id, 'accept');
    expect((await t.http().post(`/api/appeals/${living.body.id}/relief`).set(auth(c.office)).send({ amountFen: 100, reason: '理由' })).body.code).toBe('RELIEF_CATEGORY_INVALID');
  });

  it('keeps amounts whole fen: no float arithmetic anywhere in the relief module', () => {
    const dir = path.resolve('src/relief');
    const files = fs
      .readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const code = fs.readFileSync(path.join(dir, file), 'utf8');
      expect([file, code.match(/parseFloat|toFixed|Math\.round|\/\s*100\b|\*\s*100\b|\d\.\d+\s*\*|Number\(\s*\w*[Aa]mount/g)]).toEqual([file, null]);
    }
  });
});
