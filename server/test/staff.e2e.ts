import { grantRole } from '../src/cli/grant.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp } from './support/test-app.js';

describe.each(enginesUnderTest())('binding staff to their roles on %s', (engine) => {
  const ctx = useTestApp(engine);

  const issue = async (token: string, body: object) => ctx.t.http().post('/api/admin/bind-codes').set('Authorization', `Bearer ${token}`).send(body);
  const bind = async (token: string, code: string) => ctx.t.http().post('/api/me/bind').set('Authorization', `Bearer ${token}`).send({ code });

  it("binds a person once with an admin's code, and the role works at the next request", async () => {
    const { t, org } = ctx;
    const admin = await t.login(org.staff.admin);
    const issued = await issue(admin, { role: 'handler', department: 'logistics' });
    expect(issued.status).toBe(201);
    expect(issued.body.code).toMatch(/^[A-Z2-9]{8}$/);

    const newcomer = await t.login(uniqueName('staff'));
    const bound = await bind(newcomer, issued.body.code.toLowerCase());
    expect(bound.status).toBe(200);
    expect(bound.body).toMatchObject({ roles: ['worker', 'handler'], org: org.code });
    expect((await t.http().get('/api/appeals').set('Authorization', `Bearer ${newcomer}`)).status).toBe(200);

    const again = await bind(await t.login(uniqueName('other')), issued.body.code);
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('BIND_CODE_INVALID');
  });

  it('lets a code expire after 72 hours', async () => {
    const { t, org } = ctx;
    const { body } = await issue(await t.login(org.staff.admin), { role: 'coordinator' });
    const person = await t.login(uniqueName('late'));
    try {
      t.setNow(new Date(Date.now() + 73 * 3600_000));
      expect((await bind(person, body.code)).status).toBe(422);
    } finally {
      t.setNow(null);
    }
  });

  it('lets only an admin issue codes, for roles and departments that exist', async () => {
    const { t, org } = ctx;
    expect((await issue(await t.login(org.staff.coordinator), { role: 'admin' })).status).toBe(403);
    const admin = await t.login(org.staff.admin);
    expect((await issue(admin, { role: 'group_admin' })).body.code).toBe('ROLE_INVALID');
    expect((await issue(admin, { role: 'handler', department: 'kitchen' })).body.code).toBe('DEPARTMENT_UNKNOWN');
  });

  it('bootstraps the first admin from the command line', async () => {
    const { t, org } = ctx;
    const openid = uniqueName('first_admin');
    await grantRole(t.db, { org: org.code, openid, role: 'admin' });
    const login = await t
      .http()
      .post('/api/auth/wx-login')
      .send({ code: `test:${openid}` });
    expect(login.body.user).toMatchObject({ roles: ['worker', 'admin'], org: org.code });
    await expect(grantRole(t.db, { org: 'nowhere', openid, role: 'admin' })).rejects.toThrow(/no organisation/);
    await expect(grantRole(t.db, { org: org.code, openid, role: 'handler' })).rejects.toThrow(/--department/);
  });
});
