// Hardship relief under parallel requests, on MariaDB (SQLite runs one write transaction at a time, so
// nothing races there): an office that taps 申请 twenty times at once opens one relief, and twenty final
// approvals at once never commit more than the month's budget.
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
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
});
