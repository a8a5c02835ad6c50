import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp } from './support/test-app.js';

describe.each(enginesUnderTest())('subscription credits on %s', (engine) => {
  const ctx = useTestApp(engine);

  it("counts one credit per accepted template and ignores the rest of WeChat's answer", async () => {
    const token = await ctx.t.login(uniqueName('w'));
    const { accepted, replied, progress } = ctx.t.config.wechat.templates;
    const record = (results: Record<string, string>) => ctx.t.http().post('/api/me/subscriptions').set('Authorization', `Bearer ${token}`).send({ results });
    const first = await record({ errMsg: 'requestSubscribeMessage:ok', [accepted]: 'accept', [replied]: 'accept', [progress]: 'reject' });
    expect(first.status).toBe(200);
    expect(first.body.credits).toEqual({ [accepted]: 1, [replied]: 1 });
    const second = await record({ errMsg: 'requestSubscribeMessage:ok', [replied]: 'accept', 'someone-elses-template': 'accept' });
    expect(second.body.credits).toEqual({ [accepted]: 1, [replied]: 2 });
  });

  it('refuses a body that is not a results object', async () => {
    const token = await ctx.t.login(uniqueName('w'));
    const response = await ctx.t
      .http()
      .post('/api/me/subscriptions')
      .set('Authorization', `Bearer ${token}`)
      .send({ results: ['accept'] });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('SUBSCRIPTION_RESULTS_INVALID');
  });
});
