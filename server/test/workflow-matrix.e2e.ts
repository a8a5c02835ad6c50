// Every action × every status × every actor, generated from the one status machine: what it allows
// succeeds and moves the appeal where it says; what it refuses answers 403/409 and changes nothing.
import { randomUUID } from 'node:crypto';
import { APPEAL_ACTIONS, APPEAL_STATUSES, canTransition, nextStatus, type Actor, type AppealAction } from '@minqing/shared';
import { act, insertAppeal } from './support/appeal-factory.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp } from './support/test-app.js';
import { timeBudget } from './support/time-budget.js';

const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** A body each action accepts (the matrix is about who and when, not about the body). */
const VALID_BODY: Record<AppealAction, (mergeTarget: string) => object> = {
  accept: () => ({}),
  reject: () => ({ reason: '重复提交' }),
  merge: (target) => ({ into: target }),
  dispatch: () => ({ department: 'logistics', instructions: '请尽快处理' }),
  acknowledge: () => ({}),
  progress: () => ({ text: '正在联系维修' }),
  respond: () => ({ outcome: 'explained', text: '按规定无法办理,已解释' }),
  return: () => ({ reason: '答复不具体' }),
  'send-back': () => ({ reason: '不属于本部门职责' }),
  // Only a co-handling department's handler acts so (no actor of this matrix): refused throughout.
  'co-answer': () => ({ text: '协办部分已办好' }),
  reply: () => ({ text: '已答复职工' }),
  calls: () => ({ result: 'reached', summary: '职工表示理解' }),
  extension: () => ({ reason: '配件未到', until: future(20) }),
  'extension-decision': () => ({ approve: true }),
  rate: () => ({ rating: 'satisfied' }),
  reopen: () => ({ reason: '问题仍未解决' }),
  messages: () => ({ text: '补充一句说明' }),
  withdraw: () => ({ reason: '问题已自行解决' }),
};

const ACTORS: Array<Exclude<Actor, 'worker' | 'admin' | 'group_admin'>> = ['owner', 'coordinator', 'leader', 'handler'];

describe.each(enginesUnderTest())('the status machine over HTTP on %s', (engine) => {
  const ctx = useTestApp(engine);
  const cases = APPEAL_ACTIONS.flatMap((action) => APPEAL_STATUSES.flatMap((status) => ACTORS.map((actor) => ({ action, status, actor }))));

  // One test per action (its statuses × actors), each with the time its size needs: a single test of every combination
  // ran past a fixed timeout on a busy machine.
  describe(`answers all ${cases.length} combinations as the machine says`, () => {
    it.each(APPEAL_ACTIONS)(
      '%s, in every status, by every actor',
      async (action) => {
        const { t, org } = ctx;
        const tokens: Record<string, string> = {
          coordinator: await t.login(org.staff.coordinator),
          leader: await t.login(org.staff.leader),
          handler: await t.login(org.staff.logistics),
        };
        const mismatches: string[] = [];
        for (const { status, actor } of cases.filter((c) => c.action === action)) {
          const ownerOpenid = uniqueName('w');
          const appeal = await insertAppeal(t, org.code, { status, ownerOpenid, department: 'logistics' });
          const target = await insertAppeal(t, org.code, { status: 'accepted', ownerOpenid: uniqueName('w') });
          const token = actor === 'owner' ? await t.login(ownerOpenid) : tokens[actor];
          const response = await act(t, token, appeal.id, action, VALID_BODY[action](target.id));
          // The demo category 衣食住行 has a standing rule, so the office may dispatch it too.
          const allowed = canTransition(action, { status, standingRule: true }, actor);
          const [row] = await t.db.query('SELECT status, version FROM appeals WHERE id = ?', [appeal.id]);
          const label = `${actor} ${action} in ${status}`;
          if (allowed) {
            const expectedStatus = action === 'rate' ? 'closed' : nextStatus(action, status);
            if (![200, 201].includes(response.status) || row.status !== expectedStatus)
              mismatches.push(`${label}: ${response.status} ${row.status} ${JSON.stringify(response.body).slice(0, 120)}`);
          } else if (![403, 409].includes(response.status) || row.status !== status || Number(row.version) !== 1) {
            mismatches.push(`${label}: expected refusal, got ${response.status} ${row.status}`);
          } else if (response.status === 409 && response.body.details?.currentStatus !== status) {
            mismatches.push(`${label}: 409 without the current status`);
          }
        }
        expect(mismatches).toEqual([]);
      },
      timeBudget(APPEAL_STATUSES.length * ACTORS.length * 5, 200),
    ); // five round trips a combination: two inserts, a login, the action, the read-back
  });

  it('lets one of two simultaneous acceptances win and answers the other 409, writing one event', async () => {
    const { t, org } = ctx;
    const appeal = await insertAppeal(t, org.code, { status: 'submitted', ownerOpenid: uniqueName('w') });
    const office = await t.login(org.staff.coordinator);
    const responses = await Promise.all([act(t, office, appeal.id, 'accept', { version: 1 }), act(t, office, appeal.id, 'accept', { version: 1 })]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    const [{ n }] = await t.db.query("SELECT COUNT(*) AS n FROM appeal_events WHERE appeal_id = ? AND type = 'accepted'", [appeal.id]);
    expect(Number(n)).toBe(1);
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const { t, org } = ctx;
    const appeal = await insertAppeal(t, org.code, { status: 'submitted', ownerOpenid: uniqueName('w') });
    const office = await t.login(org.staff.coordinator);
    const stale = await act(t, office, appeal.id, 'accept', { version: 7 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'APPEAL_VERSION_CONFLICT', details: { currentStatus: 'submitted' } });
  });

  it('gives a handler of another department 404 on every route of the appeal', async () => {
    const { t, org } = ctx;
    const appeal = await insertAppeal(t, org.code, { status: 'in_progress', ownerOpenid: uniqueName('w'), department: 'logistics' });
    const payroll = await t.login(org.staff.payroll);
    expect((await t.http().get(`/api/appeals/${appeal.id}`).set('Authorization', `Bearer ${payroll}`)).status).toBe(404);
    for (const action of APPEAL_ACTIONS) {
      const response = await act(t, payroll, appeal.id, action, VALID_BODY[action](randomUUID()));
      expect([action, response.status]).toEqual([action, 404]);
    }
    const list = await t.http().get('/api/appeals').set('Authorization', `Bearer ${payroll}`);
    expect(list.body.items.map((a: { id: string }) => a.id)).not.toContain(appeal.id);
  });
});
