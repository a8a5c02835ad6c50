// Hardship relief under parallel requests, on MariaDB (SQLite runs one write transaction at a time, so
// nothing races there): an office that taps 申请 twenty times at once opens one relief, twenty final
// approvals at once never commit more than the month's budget, and twenty withdrawals at once — alone or
// racing the worker's confirmation — ask WeChat Pay for one cancel and end in one outcome.
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { eventually } from './support/relief-case.js';
import { enginesUnderTest, type EngineName } from './support/test-databases.js';
import { uniqueName, useTestApp, type TestApp, type TestOrg } from './support/test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const PARALLEL = 20;

const engines = enginesUnderTest().filter((engine) => engine === 'mariadb');
const suite = engines.length ? describe.each(engines) : describe.skip.each(['mariadb' as EngineName]);

/** An accepted 困难救助 appeal of the mine. */
async function hardshipAppeal(t: TestApp, org: TestOrg, office: string): Promise<string> {
  const worker = await t.login(uniqueName('hardship'));
  const { body } = await submitAppeal(
    t,
    worker,
    validAppeal(org.code, { category: 'hardship', identity: 'confidential', content: '家里老人住院,每月工资不够开销,想申请困难救助' }),
  );
  expect((await act(t, office, body.id, 'accept')).status).toBe(200);
  return body.id;
}

const propose = (t: TestApp, office: string, appealId: string, amountFen: number) =>
  t.http().post(`/api/appeals/${appealId}/relief`).set(auth(office)).send({ amountFen, reason: '经走访核实,家庭确有困难' });
const decide = (t: TestApp, token: string, id: string) => t.http().post(`/api/relief/${id}/decision`).set(auth(token)).send({ approve: true });
const withdraw = (t: TestApp, token: string, id: string) => t.http().post(`/api/relief/${id}/withdraw`).set(auth(token)).send({ reason: '发错了人' });

suite('hardship relief under parallel requests on %s', (engine) => {
  const ctx = useTestApp(engine, { APPEAL_LIMIT_PER_10_MINUTES: '1000', APPEAL_LIMIT_PER_DAY: '1000' });

  async function mine(budgetFen: number) {
    const { t } = ctx;
    const org = await t.createOrg();
    const admin = await t.login(org.staff.admin);
    expect((await t.http().put('/api/admin/relief-settings').set(auth(admin)).send({ monthlyBudgetFen: budgetFen, approver: org.staff.admin })).status).toBe(200);
    return { org, admin, office: await t.login(org.staff.coordinator), leader: await t.login(org.staff.leader) };
  }

  it(`opens one relief for ${PARALLEL} proposals on one appeal at the same moment`, async () => {
    const { t } = ctx;
    const { org, office } = await mine(10_000_000);
    const appealId = await hardshipAppeal(t, org, office);
    const answers = await Promise.all(Array.from({ length: PARALLEL }, () => propose(t, office, appealId, 50_000)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 201).map((a) => [a.status, a.body.code])).toEqual(Array.from({ length: PARALLEL - 1 }, () => [409, 'RELIEF_ALREADY_OPEN']));
    const [{ n }] = await t.db.query('SELECT COUNT(*) AS n FROM relief_records WHERE appeal_id = ?', [appealId]);
    expect(Number(n)).toBe(1);
  });

  it(`approves no more than the month's budget for ${PARALLEL} final approvals at the same moment`, async () => {
    const { t } = ctx;
    // ¥300 each against a budget of ¥1,500: five fit.
    const { org, admin, office, leader } = await mine(150_000);
    const ids: string[] = [];
    for (let i = 0; i < PARALLEL; i++) {
      const proposal = await propose(t, office, await hardshipAppeal(t, org, office), 30_000);
      expect(proposal.status).toBe(201);
      expect((await decide(t, leader, proposal.body.id)).status).toBe(200);
      ids.push(proposal.body.id);
    }
    const answers = await Promise.all(ids.map((id) => decide(t, admin, id)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(5);
    expect(answers.filter((a) => a.status !== 200).map((a) => a.body.code)).toEqual(Array.from({ length: PARALLEL - 5 }, () => 'RELIEF_BUDGET_EXCEEDED'));
    const [{ approvedRecords, committed }] = await t.db.query(
      "SELECT COUNT(*) AS approvedRecords, COALESCE(SUM(r.amount_fen), 0) AS committed FROM relief_records r JOIN organizations o ON o.id = r.org_id WHERE o.code = ? AND r.state NOT IN ('proposed', 'refused')",
      [org.code],
    );
    expect(Number(approvedRecords)).toBe(5);
    expect(Number(committed)).toBe(150_000);
  });

  /** A relief approved and waiting for the worker's 领取: its id, its package, and the worker's openid. */
  async function waitingRelief() {
    const { t } = ctx;
    const { org, admin, office, leader } = await mine(10_000_000);
    const appealId = await hardshipAppeal(t, org, office);
    const { body } = await propose(t, office, appealId, 30_000);
    await decide(t, leader, body.id);
    expect((await decide(t, admin, body.id)).body.state).toBe('wait_user_confirm');
    const outBillNo = body.id.replace(/-/g, '');
    const bill = t.simulator.pay!.bills().find((b) => b.out_bill_no === outBillNo)!;
    const cancels = () => t.simulator.records.received().filter((r) => r.api === `pay/v3/fund-app/mch-transfer/transfer-bills/out-bill-no/${outBillNo}/cancel`).length;
    return { id: body.id as string, office, bill, cancels };
  }

  const stateOf = async (id: string) => (await ctx.t.db.query('SELECT state FROM relief_records WHERE id = ?', [id]))[0].state as string;
  /** The record's state once WeChat Pay's word (a notice of CANCELLED or SUCCESS) has settled it. */
  const settledState = (id: string) =>
    eventually(
      () => stateOf(id),
      (state) => state === 'paid' || state === 'cancelled',
    );

  it(`withdraws once for ${PARALLEL} withdrawals of one relief at the same moment`, async () => {
    const { t } = ctx;
    const { id, office, bill, cancels } = await waitingRelief();
    const answers = await Promise.all(Array.from({ length: PARALLEL }, () => withdraw(t, office, id)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 200).map((a) => [a.status, a.body.code])).toEqual(Array.from({ length: PARALLEL - 1 }, () => [409, 'RELIEF_NOT_WITHDRAWABLE']));
    expect(cancels()).toBe(1);
    expect([await settledState(id), bill.state]).toEqual(['cancelled', 'CANCELLED']);
    const [{ n }] = await t.db.query("SELECT COUNT(*) AS n FROM audit_log WHERE entity_key = ? AND action = 'relief.withdraw'", [id]);
    expect(Number(n)).toBe(1);
  });

  it(`ends in one outcome when ${PARALLEL} withdrawals race the worker's confirmation: cancelled and unpaid, or paid and not withdrawn`, async () => {
    const { t } = ctx;
    for (let round = 0; round < 3; round++) {
      const { id, office, bill, cancels } = await waitingRelief();
      const [confirmed, ...answers] = await Promise.all([
        t.http().post('/__sim/pay/confirm').send({ package: bill.package_info }),
        ...Array.from({ length: PARALLEL }, () => withdraw(t, office, id)),
      ]);
      expect(confirmed.status).toBe(200);
      const settled = await settledState(id);
      const won = answers.filter((a) => a.status === 200).length;
      const codes = new Set(answers.filter((a) => a.status !== 200).map((a) => a.body.code));
      const outcome = [bill.state, settled, won].join(' ');
      // The worker's confirmation first: the cancel, if one was sent, was refused; the relief was paid.
      // The cancel first: the worker's package opened nothing; the relief was cancelled. Never both.
      expect(['SUCCESS paid 0', 'CANCELLED cancelled 1']).toContain(outcome);
      expect(cancels()).toBeLessThanOrEqual(1);
      expect([...codes].every((code) => code === 'RELIEF_NOT_WITHDRAWABLE' || code === 'RELIEF_WITHDRAW_TOO_LATE')).toBe(true);
      expect(t.simulator.pay!.bills().filter((b) => b.openid === bill.openid)).toHaveLength(1);
    }
  });
});
