import { enginesUnderTest } from './support/test-databases.js';
import { useTestApp } from './support/test-app.js';

describe.each(enginesUnderTest())('public routes on %s', (engine) => {
  const ctx = useTestApp(engine);

  it('describes the organisation for the submit form', async () => {
    const response = await ctx.t.http().get(`/api/public/orgs/${ctx.org.code}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ code: ctx.org.code, name: '赤峪煤矿', slogan: '赤峪是咱家,有事儿就说话' });
    expect(response.body.categories.map((c: { code: string }) => c.code)).toEqual(['living', 'welfare', 'rights', 'hardship', 'advice']);
    expect(response.body.places).toContainEqual({ code: 'dorm2', name: '2号宿舍楼' });
    expect(response.body.subscribeTemplates.length).toBeLessThanOrEqual(3);
  });

  it('says so when the organisation code is unknown', async () => {
    const response = await ctx.t.http().get('/api/public/orgs/nowhere');
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('ORG_UNKNOWN');
  });

  it('lands a sticker scan on the submit form with the place', async () => {
    const response = await ctx.t.http().get(`/q/${ctx.org.code}/dorm2`);
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe(`/#/pages/submit/index?org=${ctx.org.code}&place=dorm2`);
    const hostile = await ctx.t.http().get(`/q/${ctx.org.code}/%3Cscript%3E`);
    expect(hostile.headers.location).toBe(`/#/pages/submit/index?org=${ctx.org.code}`);
  });

  it('reports the database in the health check', async () => {
    const response = await ctx.t.http().get('/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', database: { up: true, type: engine === 'sqlite' ? 'sqlite' : 'mysql' } });
  });

  it('serves the OpenAPI document with the core routes', async () => {
    const response = await ctx.t.http().get('/api/docs-json');
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/wx-login', '/api/me', '/api/me/subscriptions', '/api/public/orgs/{org}', '/api/appeals', '/api/appeals/{id}', '/api/uploads']),
    );
  });

  it('answers malformed JSON and unknown routes in the one envelope', async () => {
    const token = await ctx.t.login('someone_json');
    const bad = await ctx.t.http().post('/api/appeals').set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json').send('{"org": ');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: expect.any(String) });
    const missing = await ctx.t.http().get('/api/nothing-here').set('Authorization', `Bearer ${token}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });
});
