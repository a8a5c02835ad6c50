import { randomUUID } from 'node:crypto';
import { validAppeal, submitAppeal } from './support/appeal-factory.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp } from './support/test-app.js';

describe.each(enginesUnderTest())('submitting an appeal on %s', (engine) => {
  const ctx = useTestApp(engine);

  const countAppeals = async (where = '1=1', params: unknown[] = []) => Number((await ctx.t.db.query(`SELECT COUNT(*) AS n FROM appeals WHERE ${where}`, params))[0].n);

  it('stores the appeal with a serial and shows it in 我的诉求 with its timeline', async () => {
    const token = await ctx.t.login(uniqueName('w'));
    const response = await submitAppeal(ctx.t, token, validAppeal(ctx.org.code, { phone: '13800138000' }));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      id: expect.any(String),
      status: 'submitted',
      serial: expect.stringMatching(new RegExp(`^${ctx.org.code.toUpperCase()}\\d{6}-\\d{4}$`)),
      category: { code: 'living', name: '衣食住行' },
      place: { code: 'bath', name: '职工澡堂' },
      phone: '138****8000',
    });
    const mine = await ctx.t.http().get('/api/appeals?scope=mine').set('Authorization', `Bearer ${token}`);
    expect(mine.body.items.map((a: { id: string }) => a.id)).toEqual([response.body.id]);
    const detail = await ctx.t.http().get(`/api/appeals/${response.body.id}`).set('Authorization', `Bearer ${token}`);
    expect(detail.body.timeline).toEqual([expect.objectContaining({ type: 'submitted', actor: '我' })]);
    // The submission's answer is built from what it wrote, not read back: it must be what a read shows.
    expect(response.body).toEqual(detail.body);
    const notices = await ctx.t.http().get('/api/me/notices').set('Authorization', `Bearer ${token}`);
    expect(notices.body.unread).toBe(1);
    expect(notices.body.items[0].body).toContain(response.body.serial);
  });

  it.each([
    ['empty content', { content: '' }, 400, 'APPEAL_CONTENT_REQUIRED'],
    ['content under 5 characters', { content: '空调坏' }, 400, 'APPEAL_CONTENT_TOO_SHORT'],
    ['content over 1000 characters', { content: '热'.repeat(1001) }, 400, 'APPEAL_CONTENT_TOO_LONG'],
    ['an unknown identity', { identity: 'public' }, 400, 'APPEAL_IDENTITY_INVALID'],
    ['a malformed phone', { phone: '110' }, 400, 'APPEAL_PHONE_INVALID'],
    ['four photos', { photos: ['a', 'b', 'c', 'd'] }, 400, 'APPEAL_PHOTOS_TOO_MANY'],
    ['an extra field', { status: 'closed' }, 400, 'BODY_FIELD_UNKNOWN'],
    ['no category', { category: undefined }, 400, 'CATEGORY_UNKNOWN'],
    ['an unknown category', { category: 'gossip' }, 422, 'CATEGORY_UNKNOWN'],
    ['an unknown place', { place: 'moon' }, 422, 'PLACE_UNKNOWN'],
    ['an unknown organisation', { org: 'zz' }, 422, 'ORG_UNKNOWN'],
    ['a photo id that was never uploaded', { photos: [randomUUID()] }, 422, 'APPEAL_PHOTO_UNKNOWN'],
  ])('refuses %s with its own code and stores nothing', async (_, overrides, status, code) => {
    const openid = uniqueName('w');
    const token = await ctx.t.login(openid);
    const response = await submitAppeal(ctx.t, token, validAppeal(ctx.org.code, overrides));
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ statusCode: status, code, message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
    expect(await countAppeals('submitter_id = (SELECT id FROM users WHERE openid = ?)', [openid])).toBe(0);
  });

  it('refuses a missing or malformed Idempotency-Key', async () => {
    const token = await ctx.t.login(uniqueName('w'));
    const missing = await ctx.t.http().post('/api/appeals').set('Authorization', `Bearer ${token}`).send(validAppeal(ctx.org.code));
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('IDEMPOTENCY_KEY_INVALID');
  });

  it('refuses risky text with a message the worker understands, and stores nothing', async () => {
    const openid = uniqueName('w');
    const token = await ctx.t.login(openid);
    const response = await submitAppeal(ctx.t, token, validAppeal(ctx.org.code, { content: '食堂门口有人组织赌博,影响很坏' }));
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('APPEAL_CONTENT_RISKY');
    expect(response.body.message).toContain('修改');
    expect(await countAppeals('submitter_id = (SELECT id FROM users WHERE openid = ?)', [openid])).toBe(0);
  });

  it('stores text WeChat wants reviewed, flagged for the office only', async () => {
    const token = await ctx.t.login(uniqueName('w'));
    const response = await submitAppeal(ctx.t, token, validAppeal(ctx.org.code, { content: '【待审测试】宿舍楼的问题需要领导关注' }));
    expect(response.status).toBe(201);
    expect(response.body.underReview).toBeUndefined();
    expect(response.body.timeline.map((e: { type: string }) => e.type)).toEqual(['submitted']);
    const office = await ctx.t.login(ctx.org.staff.coordinator);
    const staffView = await ctx.t.http().get(`/api/appeals/${response.body.id}`).set('Authorization', `Bearer ${office}`);
    expect(staffView.body.underReview).toBe(true);
    expect(staffView.body.timeline.map((e: { type: string }) => e.type)).toEqual(['submitted', 'flagged_for_review']);
  });

  it('makes one appeal of 20 concurrent retries with one key', async () => {
    const openid = uniqueName('w');
    const token = await ctx.t.login(openid);
    const key = randomUUID();
    const body = validAppeal(ctx.org.code);
    const responses = await Promise.all(Array.from({ length: 20 }, () => submitAppeal(ctx.t, token, body, key)));
    for (const r of responses) expect([200, 201]).toContain(r.status);
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(await countAppeals('submitter_id = (SELECT id FROM users WHERE openid = ?)', [openid])).toBe(1);
    const other = await submitAppeal(ctx.t, token, validAppeal(ctx.org.code, { content: '这是另一件完全不同的事情' }), key);
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // It names the submitter's earlier appeal, so the form can show it instead of making a second one.
    expect(other.body.details).toEqual({ appealId: responses[0].body.id, serial: responses[0].body.serial });
  });

  it('numbers 50 concurrent submissions uniquely and without gaps', async () => {
    const fresh = await ctx.t.createOrg();
    const tokens = await Promise.all(Array.from({ length: 50 }, (_, i) => ctx.t.login(uniqueName(`s${i}`))));
    const responses = await Promise.all(tokens.map((token) => submitAppeal(ctx.t, token, validAppeal(fresh.code))));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    const numbers = responses.map((r) => Number(r.body.serial.split('-')[1])).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it("never shows a worker another worker's appeal: 404, as for an id that does not exist", async () => {
    const alice = await ctx.t.login(uniqueName('alice'));
    const bob = await ctx.t.login(uniqueName('bob'));
    const { body } = await submitAppeal(ctx.t, alice, validAppeal(ctx.org.code, { identity: 'confidential' }));
    const peek = await ctx.t.http().get(`/api/appeals/${body.id}`).set('Authorization', `Bearer ${bob}`);
    const nothing = await ctx.t.http().get(`/api/appeals/${randomUUID()}`).set('Authorization', `Bearer ${bob}`);
    expect(peek.status).toBe(404);
    expect(peek.body).toEqual(nothing.body);
    const write = await ctx.t.http().post(`/api/appeals/${body.id}/messages`).set('Authorization', `Bearer ${bob}`).send({ text: '我也想说两句' });
    expect(write.status).toBe(404);
    const bobs = await ctx.t.http().get('/api/appeals?scope=mine').set('Authorization', `Bearer ${bob}`);
    expect(bobs.body.items).toEqual([]);
    const staffList = await ctx.t.http().get('/api/appeals').set('Authorization', `Bearer ${bob}`);
    expect(staffList.status).toBe(403);
  });

  it('lets the worker add a message to the timeline', async () => {
    const token = await ctx.t.login(uniqueName('w'));
    const { body } = await submitAppeal(ctx.t, token, validAppeal(ctx.org.code));
    const response = await ctx.t.http().post(`/api/appeals/${body.id}/messages`).set('Authorization', `Bearer ${token}`).send({ text: '下夜班是早上八点,希望开到九点' });
    expect(response.status).toBe(201);
    expect(response.body.timeline.map((e: { type: string; text: string }) => [e.type, e.text])).toEqual([
      ['submitted', expect.any(String)],
      ['message', '下夜班是早上八点,希望开到九点'],
    ]);
    const empty = await ctx.t.http().post(`/api/appeals/${body.id}/messages`).set('Authorization', `Bearer ${token}`).send({ text: ' ' });
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('MESSAGE_TEXT_REQUIRED');
  });

  it('stores the phone encrypted', async () => {
    const token = await ctx.t.login(uniqueName('w'));
    const { body } = await submitAppeal(ctx.t, token, validAppeal(ctx.org.code, { phone: '13912345678' }));
    const [row] = await ctx.t.db.query('SELECT phone_enc FROM appeals WHERE id = ?', [body.id]);
    expect(row.phone_enc).not.toContain('12345678');
    expect(body.phone).toBe('139****5678');
  });

  it('limits how often one worker can submit, with a clear 429', async () => {
    const token = await ctx.t.login(uniqueName('w'));
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await submitAppeal(ctx.t, token, validAppeal(ctx.org.code, { content: `第${i + 1}条:澡堂热水不够用` }))).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    const limited = await submitAppeal(ctx.t, token, validAppeal(ctx.org.code, { content: '第七条:澡堂热水不够用' }));
    expect(limited.body).toMatchObject({ code: 'APPEAL_RATE_LIMITED', message: expect.stringContaining('稍后') });
  });
});
