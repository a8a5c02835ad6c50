import { JwtService } from '@nestjs/jwt';
import type { OrgSetupView } from '@minqing/shared';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp } from './support/test-app.js';

describe.each(enginesUnderTest())('login on %s', (engine) => {
  const ctx = useTestApp(engine);

  it('logs a worker in with a WeChat code and creates the user once', async () => {
    const openid = uniqueName('w');
    const first = await ctx.t
      .http()
      .post('/api/auth/wx-login')
      .send({ code: `test:${openid}` });
    expect(first.status).toBe(200);
    expect(first.body.token).toEqual(expect.any(String));
    expect(first.body.user).toMatchObject({ openid, roles: ['worker'] });
    expect(JSON.stringify(first.body)).not.toMatch(/session_key/i);
    const second = await ctx.t
      .http()
      .post('/api/auth/wx-login')
      .send({ code: `test:${openid}` });
    expect(second.body.user.id).toBe(first.body.user.id);

    const me = await ctx.t.http().get('/api/me').set('Authorization', `Bearer ${first.body.token}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: first.body.user.id, openid });
  });

  it('gives staff their roles and organisation', async () => {
    const response = await ctx.t
      .http()
      .post('/api/auth/wx-login')
      .send({ code: `test:${ctx.org.staff.coordinator}` });
    expect(response.body.user).toMatchObject({ roles: ['worker', 'coordinator'], org: ctx.org.code });
  });

  it.each([
    ['a code WeChat does not know', { code: 'not-a-real-code' }],
    ['no code at all', {}],
  ])('refuses %s with 401 and a sentence', async (_, body) => {
    const response = await ctx.t.http().post('/api/auth/wx-login').send(body);
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ statusCode: 401, code: 'AUTH_CODE_INVALID', message: expect.stringMatching(/登录/) });
  });

  it('answers 401 without a token and with a forged one', async () => {
    const none = await ctx.t.http().get('/api/me');
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('AUTH_REQUIRED');
    const forged = await ctx.t.http().get('/api/me').set('Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad');
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('AUTH_TOKEN_INVALID');
  });

  it('keeps the profile phone encrypted at rest and masked when shown', async () => {
    const openid = uniqueName('w');
    const token = await ctx.t.login(openid);
    const updated = await ctx.t.http().patch('/api/me').set('Authorization', `Bearer ${token}`).send({ name: '段伟', unit: '通风区', phone: '138 0013 8000' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: '段伟', unit: '通风区', phone: '138****8000' });
    const [row] = await ctx.t.db.query('SELECT phone_enc FROM users WHERE openid = ?', [openid]);
    expect(row.phone_enc).not.toContain('8000');
    const bad = await ctx.t.http().patch('/api/me').set('Authorization', `Bearer ${token}`).send({ phone: '12345' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('APPEAL_PHONE_INVALID');
  });

  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  it('logs out: the token gets 401 from then on, and logging in again works', async () => {
    const { t } = ctx;
    const openid = uniqueName('w');
    const token = await t.login(openid);
    const other = await t.login(openid); // the same person's other session
    expect((await t.http().get('/api/me').set(bearer(token))).status).toBe(200);
    const out = await t.http().post('/api/auth/logout').set(bearer(token));
    expect(out.status).toBe(204);
    for (const old of [token, other]) {
      const refused = await t.http().get('/api/me').set(bearer(old));
      expect(refused.status).toBe(401);
      expect(refused.body).toEqual({ statusCode: 401, code: 'AUTH_TOKEN_INVALID', message: '登录已过期,请重新进入小程序' });
    }
    expect((await t.http().post('/api/auth/logout').set(bearer(token))).status).toBe(401);
    expect(
      (
        await t
          .http()
          .get('/api/me')
          .set(bearer(await t.login(openid)))
      ).status,
    ).toBe(200);
  });

  it("revokes a staff member's token when the administrator removes their role", async () => {
    const { t } = ctx;
    const org = await t.createOrg();
    const admin = await t.login(org.staff.admin);
    const office = await t.login(org.staff.coordinator);
    expect((await t.http().get('/api/appeals?queue=new').set(bearer(office))).status).toBe(200);
    const setup: OrgSetupView = (await t.http().get('/api/admin/org').set(bearer(admin))).body;
    const held = setup.staff.find((s) => s.role === 'coordinator')!;
    expect((await t.http().delete(`/api/admin/staff/${held.userId}/roles/coordinator`).set(bearer(admin))).status).toBe(200);
    for (const path of ['/api/appeals?queue=new', '/api/me']) {
      const refused = await t.http().get(path).set(bearer(office));
      expect([refused.status, refused.body.code]).toEqual([401, 'AUTH_TOKEN_INVALID']);
    }
    // The administrator's own token is untouched; the person, logged in again, is a worker.
    expect((await t.http().get('/api/admin/org').set(bearer(admin))).status).toBe(200);
    const again = await t
      .http()
      .get('/api/appeals?queue=new')
      .set(bearer(await t.login(org.staff.coordinator)));
    expect([again.status, again.body.code]).toEqual([403, 'FORBIDDEN']);
  });

  it("gives staff a token for 12 hours and workers one for a week, and refuses a staff member's token older than 12 hours", async () => {
    const { t, org } = ctx;
    const staff = await t
      .http()
      .post('/api/auth/wx-login')
      .send({ code: `test:${org.staff.leader}` });
    expect(staff.body.expiresIn).toBe(12 * 3600);
    const worker = await t
      .http()
      .post('/api/auth/wx-login')
      .send({ code: `test:${uniqueName('w')}` });
    expect(worker.body.expiresIn).toBe(7 * 24 * 3600);
    const jwt = t.app.get(JwtService);
    const thirteenHoursAgo = Math.floor(Date.now() / 1000) - 13 * 3600;
    // Signed 13 hours ago with the server's own key, to expire in a week.
    const signedEarlier = ({ token }: { token: string }) => {
      const { sub, ver } = jwt.decode(token) as { sub: string; ver: number };
      return jwt.signAsync({ sub, ver, iat: thirteenHoursAgo }, { expiresIn: 7 * 24 * 3600 });
    };
    const oldStaff = await signedEarlier(staff.body);
    const oldWorker = await signedEarlier(worker.body);
    const refused = await t.http().get('/api/me').set(bearer(oldStaff));
    expect([refused.status, refused.body.code]).toEqual([401, 'AUTH_TOKEN_INVALID']);
    expect((await t.http().get('/api/me').set(bearer(oldWorker))).status).toBe(200);
  });
});
