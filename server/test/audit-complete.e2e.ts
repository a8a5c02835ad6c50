// The audit log as the administrator reads it (GET /api/admin/audit): every administrative change —
// a bind code made and redeemed (the grant: who got which role, by whose code), a grant from the
// command line, a role removed, each relief step, each settings save, the official account's menu —
// leaves exactly one entry naming who, when and what.
import type { AuditEntryView } from '@minqing/shared';
import { grantRole } from '../src/cli/grant.js';
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp, type TestApp } from './support/test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

describe.each(enginesUnderTest())('the audit log on %s', (engine) => {
  // The menu is set with the mine's own 公众号: the one organisation of these tests that has one.
  const ctx = useTestApp(engine, { WECHAT_OFFICIAL_ACCOUNTS: 'auditmine=wxoa00000000audit1:oa-secret' });

  /** What an action added to the log, oldest first, and the time around it. */
  async function logged(t: TestApp, admin: string, action: () => Promise<unknown>): Promise<AuditEntryView[]> {
    const read = async () => (await t.http().get('/api/admin/audit').set(auth(admin))).body as AuditEntryView[];
    const before = new Set((await read()).map((e) => JSON.stringify(e)));
    const started = Date.now();
    await action();
    const added = (await read()).filter((e) => !before.has(JSON.stringify(e))).reverse();
    for (const e of added) expect(Date.parse(e.at)).toBeGreaterThanOrEqual(started - 1000);
    // Each entry says, in the administrator's words, what was done: Chinese, no code or id (checked here,
    // then left out of the comparisons below).
    for (const e of added) {
      expect(e.summary).toMatch(/^[\u4e00-\u9fff]/);
      expect(e.summary).not.toMatch(/[a-z_]+\.[a-z_]+|[0-9a-f]{8}-[0-9a-f]{4}/);
    }
    return added.map(({ summary: _summary, ...entry }) => entry as AuditEntryView);
  }
  const actorName = async (t: TestApp, openid: string) => {
    const [user] = await t.db.query('SELECT name, openid, id FROM users WHERE openid = ?', [openid]);
    return { name: (user.name ?? '未填姓名的职工') as string, id: user.id as string };
  };

  it('records a bind code made and the role it granted, and the role taken away', async () => {
    const { t } = ctx;
    const org = await t.createOrg();
    const admin = await t.login(org.staff.admin);
    const adminUser = await actorName(t, org.staff.admin);
    let code = '';
    const made = await logged(t, admin, async () => {
      const response = await t.http().post('/api/admin/bind-codes').set(auth(admin)).send({ role: 'handler', department: 'logistics', isHead: true });
      expect(response.status).toBe(201);
      code = response.body.code;
    });
    expect(made).toEqual([
      {
        at: expect.any(String),
        actor: adminUser.name,
        action: 'bind_code.create',
        entity: 'bind_code',
        key: `${code.slice(0, 4)}****`,
        before: null,
        after: { role: 'handler', department: 'logistics', isHead: true, isSecretary: false, expiresAt: expect.any(String) },
      },
    ]);

    const newcomer = uniqueName('newcomer');
    const token = await t.login(newcomer);
    const person = await actorName(t, newcomer);
    const granted = await logged(t, admin, async () => expect((await t.http().post('/api/me/bind').set(auth(token)).send({ code })).status).toBe(200));
    expect(granted).toEqual([
      {
        at: expect.any(String),
        actor: person.name,
        action: 'role.grant',
        entity: 'staff_role',
        key: person.id,
        before: null,
        after: { role: 'handler', department: 'logistics', isHead: true, isSecretary: false, code: `${code.slice(0, 4)}****`, issuedBy: adminUser.id },
      },
    ]);
    // A code tried again grants nothing and logs nothing.
    expect(await logged(t, admin, () => t.http().post('/api/me/bind').set(auth(token)).send({ code }))).toEqual([]);

    const removed = await logged(t, admin, () => t.http().delete(`/api/admin/staff/${person.id}/roles/handler`).set(auth(admin)));
    expect(removed).toEqual([
      expect.objectContaining({ actor: adminUser.name, action: 'role.remove', key: person.id, before: expect.objectContaining({ role: 'handler' }), after: null }),
    ]);

    const fromCli = uniqueName('cli');
    const cli = await logged(t, admin, () => grantRole(t.db, { org: org.code, openid: fromCli, role: 'coordinator' }));
    expect(cli).toEqual([
      expect.objectContaining({
        actor: null,
        action: 'role.grant',
        key: (await actorName(t, fromCli)).id,
        after: { role: 'coordinator', department: null, isHead: false, isSecretary: false, by: 'command line' },
      }),
    ]);
  });

  it('records every settings save and the official account menu, one entry each', async () => {
    const { t } = ctx;
    const org = await t.createOrg('auditmine');
    const admin = await t.login(org.staff.admin);
    const { name } = await actorName(t, org.staff.admin);
    const saves: Array<[string, () => Promise<unknown>]> = [
      ['org.update', () => t.http().patch('/api/admin/org').set(auth(admin)).send({ slogan: '有事儿就说话' })],
      [
        'deadline_policy.update',
        () =>
          t
            .http()
            .put('/api/admin/deadline-policy')
            .set(auth(admin))
            .send({ quietHours: { start: '22:00', end: '06:00' } }),
      ],
      ['relief_settings.update', () => t.http().put('/api/admin/relief-settings').set(auth(admin)).send({ monthlyBudgetFen: 300_000, approver: org.staff.admin })],
      ['notifications.update', () => t.http().put('/api/admin/notification-settings').set(auth(admin)).send({ robot: true })],
      ['official_menu.set', () => t.http().post('/api/admin/official-account-menu').set(auth(admin))],
    ];
    for (const [action, save] of saves) {
      const added = await logged(t, admin, async () => expect(((await save()) as { status: number }).status).toBe(200));
      expect(added.map((e) => [e.actor, e.action])).toEqual([[name, action]]);
      expect(added[0].after).not.toBeNull();
    }
  });

  it('records each relief step: proposal, each approval, the refusal and the payment', async () => {
    const { t } = ctx;
    const org = await t.createOrg();
    const admin = await t.login(org.staff.admin);
    await t.http().put('/api/admin/relief-settings').set(auth(admin)).send({ monthlyBudgetFen: 300_000, approver: org.staff.admin });
    const [office, leader] = [await t.login(org.staff.coordinator), await t.login(org.staff.leader)];
    const [officeName, leaderName, adminName] = [
      (await actorName(t, org.staff.coordinator)).name,
      (await actorName(t, org.staff.leader)).name,
      (await actorName(t, org.staff.admin)).name,
    ];
    const hardship = async () => {
      const worker = await t.login(uniqueName('hardship'));
      const { body } = await submitAppeal(t, worker, validAppeal(org.code, { category: 'hardship', identity: 'confidential', content: '家里老人住院,每月工资不够开销' }));
      expect((await act(t, office, body.id, 'accept')).status).toBe(200);
      return { id: body.id as string, worker };
    };
    let reliefId = '';
    const paidCase = await hardship();
    const proposed = await logged(t, admin, async () => {
      reliefId = (await t.http().post(`/api/appeals/${paidCase.id}/relief`).set(auth(office)).send({ amountFen: 50_000, reason: '经走访核实,家庭确有困难' })).body.id;
    });
    expect(proposed).toEqual([
      expect.objectContaining({ actor: officeName, action: 'relief.propose', entity: 'relief', key: reliefId, after: { amountFen: 50_000, reason: '经走访核实,家庭确有困难' } }),
    ]);
    const first = await logged(t, admin, () => t.http().post(`/api/relief/${reliefId}/decision`).set(auth(leader)).send({ approve: true }));
    expect(first.map((e) => [e.actor, e.action, e.key])).toEqual([[leaderName, 'relief.approve', reliefId]]);
    const final = await logged(t, admin, () => t.http().post(`/api/relief/${reliefId}/decision`).set(auth(admin)).send({ approve: true }));
    expect(final.map((e) => [e.actor, e.action, e.key])).toEqual([[adminName, 'relief.approve', reliefId]]);
    // The worker confirms in WeChat; WeChat Pay's notice settles the transfer: an entry with no person as actor.
    const paid = await logged(t, admin, async () => {
      const claim = (await t.http().get(`/api/appeals/${paidCase.id}/relief`).set(auth(paidCase.worker))).body.items[0].claim;
      expect((await t.http().post('/__sim/pay/confirm').send({ package: claim.package })).body.state).toBe('SUCCESS');
      for (let i = 0; i < 50 && Number((await t.db.query("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'relief.paid' AND entity_key = ?", [reliefId]))[0].n) === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
    expect(paid).toEqual([expect.objectContaining({ actor: null, action: 'relief.paid', key: reliefId, after: expect.objectContaining({ state: 'paid' }) })]);

    let refusedId = '';
    await t
      .http()
      .post(`/api/appeals/${(await hardship()).id}/relief`)
      .set(auth(office))
      .send({ amountFen: 20_000, reason: '经走访核实,家庭确有困难' })
      .then((r) => (refusedId = r.body.id));
    const refused = await logged(t, admin, () => t.http().post(`/api/relief/${refusedId}/decision`).set(auth(leader)).send({ approve: false }));
    expect(refused).toEqual([expect.objectContaining({ actor: leaderName, action: 'relief.refuse', key: refusedId, before: { state: 'proposed' }, after: { state: 'refused' } })]);
  });
});
