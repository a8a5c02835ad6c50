// A hardship case for the relief tests: a mine with a budget and a named approver, an accepted 困难救助
// appeal, and the steps of its relief (proposal, approvals, the worker's view and confirmation).
import type { ReliefView } from '@minqing/shared';
import { act, submitAppeal, validAppeal } from './appeal-factory.js';
import { uniqueName, type TestApp, type TestOrg } from './test-app.js';

export const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

export interface Case {
  org: TestOrg;
  appealId: string;
  worker: { openid: string; token: string };
  office: string;
  leader: string;
  approver: string;
}

/** A mine with a budget and a named approver, and an accepted 困难救助 appeal. */
export async function hardshipCase(t: TestApp, budgetFen = 100_000): Promise<Case> {
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

export async function propose(t: TestApp, c: Case, amountFen: unknown = 50_000) {
  return t.http().post(`/api/appeals/${c.appealId}/relief`).set(auth(c.office)).send({ amountFen, reason: '经走访核实,家庭确有困难' });
}

export const decide = (t: TestApp, token: string, id: string, approve = true) => t.http().post(`/api/relief/${id}/decision`).set(auth(token)).send({ approve });

export async function approved(t: TestApp, c: Case): Promise<ReliefView> {
  const proposal = await propose(t, c);
  expect(proposal.status).toBe(201);
  expect((await decide(t, c.leader, proposal.body.id)).body.state).toBe('proposed');
  return (await decide(t, c.approver, proposal.body.id)).body;
}

/** The transfer requests WeChat Pay received for this case's worker, in order. */
export const transfersOf = (t: TestApp, c: Case) =>
  t.simulator.records
    .received()
    .filter((r) => r.api === 'pay/v3/fund-app/mch-transfer/transfer-bills' && (r.body as { openid: string }).openid === c.worker.openid)
    .map((r) => r.body as Record<string, unknown>);

export const workerView = async (t: TestApp, c: Case): Promise<ReliefView> => (await t.http().get(`/api/appeals/${c.appealId}/relief`).set(auth(c.worker.token))).body.items[0];

/** The worker confirms in WeChat, and no notice reaches the server: the record still waits. */
export async function confirmUnheard(t: TestApp, c: Case): Promise<void> {
  await t
    .http()
    .post('/__sim/pay/confirm')
    .send({ package: (await workerView(t, c)).claim!.package });
  expect((await workerView(t, c)).state).toBe('wait_user_confirm');
}

/** The worker taps 领取 with this package (WeChat confirms); the state the record then reaches. */
export async function claimAndWait(t: TestApp, c: Case, pkg: string): Promise<string> {
  expect((await t.http().post('/__sim/pay/confirm').send({ package: pkg })).body.state).toBe('SUCCESS');
  return (
    await eventually(
      () => workerView(t, c),
      (r) => r.state === 'paid',
    )
  ).state;
}

export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 50; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return read();
}

export const officeView = async (t: TestApp, c: Case): Promise<ReliefView> => (await t.http().get(`/api/appeals/${c.appealId}/relief`).set(auth(c.office))).body.items.at(-1);

/** The office (or whoever holds `token`) withdraws the relief. */
export const withdraw = (t: TestApp, token: string, id: string, reason: unknown = '金额填错了,重新申请') =>
  t.http().post(`/api/relief/${id}/withdraw`).set(auth(token)).send({ reason });
