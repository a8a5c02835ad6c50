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
});
