// 删除我的个人信息: what a worker erases is gone from every place that held it — profile, appeals,
// inbox, WeChat messages, credits — while the appeals stay for the mine without anyone's identity;
// the person's sessions end, their WeChat leads to a new, empty account. A submission racing the
// erasure either lands before (and is wiped) or finds the person gone.
import { randomUUID } from 'node:crypto';
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp } from './support/test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const NAME = '郝建民';
const PHONE = '13912345678';

describe.each(enginesUnderTest())('删除我的个人信息 on %s', (engine) => {
  const ctx = useTestApp(engine);

  it("erases the worker's name, unit and phone everywhere, keeps the appeal without identity, and ends the sessions", async () => {
    const { t, org } = ctx;
    const openid = uniqueName('erase');
    const token = await t.login(openid);
    expect((await t.http().patch('/api/me').set(auth(token)).send({ name: NAME, unit: '综采一区', phone: PHONE })).status).toBe(200);
    await t.acceptMessages(token, { [t.config.wechat.templates.accepted]: 'accept' });
    const { body: appeal } = await submitAppeal(t, token, validAppeal(org.code, { phone: PHONE }));
    const office = await t.login(org.staff.coordinator);
    await act(t, office, appeal.id, 'accept');
    const [{ id: userId }] = await t.db.query('SELECT id FROM users WHERE openid = ?', [openid]);
    const count = async (table: string) => Number((await t.db.query(`SELECT COUNT(*) AS n FROM ${table} WHERE user_id = ?`, [userId]))[0].n);
    expect(await count('notices')).toBeGreaterThan(0);
    expect(await count('outbox_messages')).toBeGreaterThan(0);

    const erased = await t.http().delete('/api/me').set(auth(token)).set('content-type', 'application/json');
    expect([erased.status, erased.body]).toEqual([200, { erased: true }]);
    // The session has ended.
    expect((await t.http().get('/api/me').set(auth(token))).status).toBe(401);

    // The office still has the appeal, with no name or phone on it anywhere.
    const seen = await t.http().get(`/api/appeals/${appeal.id}`).set(auth(office));
    expect(seen.status).toBe(200);
    expect(seen.body.serial).toBe(appeal.serial);
    expect(JSON.stringify(seen.body)).not.toMatch(new RegExp(`${NAME}|${PHONE}|${PHONE.slice(-4)}|综采一区`));
    const list = await t.http().get('/api/appeals').set(auth(office));
    expect(JSON.stringify(list.body)).not.toMatch(new RegExp(`${NAME}|${PHONE}|综采一区`));
    const [row] = await t.db.query('SELECT name, unit, phone_enc AS phone, openid FROM users WHERE id = ?', [userId]);
    expect(row).toEqual({ name: null, unit: null, phone: null, openid: `erased:${userId}` });
    expect(await t.db.query('SELECT phone_enc AS phone, phone_tail AS tail FROM appeals WHERE submitter_id = ?', [userId])).toEqual([{ phone: null, tail: null }]);
    expect([await count('notices'), await count('outbox_messages'), await count('subscription_credits')]).toEqual([0, 0, 0]);

    // Later news of the appeal reaches no WeChat: the erased person's openid is gone.
    expect((await t.http().post(`/api/appeals/${appeal.id}/messages`).set(auth(office)).send({ text: '请问您住几号楼?' })).status).toBe(201);
    expect(await count('outbox_messages')).toBe(0);

    // The same WeChat opens a new, empty account.
    const again = await t.login(openid);
    const me = await t.http().get('/api/me').set(auth(again));
    expect(me.body.id).not.toBe(userId);
    expect(me.body.name ?? null).toBeNull();
    expect((await t.http().get('/api/appeals').set(auth(again))).body.items ?? []).toEqual([]);

    // The administrator's log says it happened, not what the data was.
    const log = await t
      .http()
      .get('/api/admin/audit')
      .set(auth(await t.login(org.staff.admin)));
    if (!Array.isArray(log.body)) throw new Error(JSON.stringify(log.body));
    const entry = log.body.find((e: { action: string }) => e.action === 'profile.erase');
    expect(entry).toMatchObject({ actor: '一位职工', summary: '删除了自己的个人信息' });
    expect(JSON.stringify(log.body)).not.toMatch(new RegExp(`${NAME}|${PHONE}`));
  });

  it('asks a staff member to have the role taken away first', async () => {
    const { t, org } = ctx;
    const response = await t
      .http()
      .delete('/api/me')
      .set(auth(await t.login(org.staff.logistics)));
    expect([response.status, response.body.code, response.body.message]).toEqual([409, 'PROFILE_ERASE_STAFF', '您是工作人员,请先请管理员取消您的身份,再删除个人信息']);
  });

  (engine === 'mariadb' ? it : it.skip)('leaves no phone behind when 20 submissions race the erasure', async () => {
    const { t, org } = ctx;
    const openid = uniqueName('race');
    const token = await t.login(openid);
    await t.http().patch('/api/me').set(auth(token)).send({ name: NAME, phone: PHONE });
    const [{ id: userId }] = await t.db.query('SELECT id FROM users WHERE openid = ?', [openid]);
    const submissions = Array.from({ length: 20 }, (_, i) =>
      submitAppeal(t, token, validAppeal(org.code, { phone: PHONE, content: `宿舍${i + 1}号楼的暖气片一直不热,晚上冻得睡不着觉` }), randomUUID()),
    );
    const erasure = t.http().delete('/api/me').set(auth(token));
    const answers = await Promise.all([...submissions, erasure]);
    expect(answers.at(-1)!.status).toBe(200);
    const statuses = answers.slice(0, -1).map((a) => a.status);
    // Each submission either landed before the erasure or was refused as the person was gone (401) or over the limit (429).
    expect(statuses.every((s) => s === 201 || s === 401 || s === 429)).toBe(true);
    const stored = await t.db.query('SELECT phone_enc AS phone FROM appeals WHERE submitter_id = ?', [userId]);
    expect(stored.length).toBe(statuses.filter((s) => s === 201).length);
    expect(stored.filter((a: { phone: string | null }) => a.phone !== null)).toEqual([]);
    const [row] = await t.db.query('SELECT name, phone_enc AS phone FROM users WHERE id = ?', [userId]);
    expect(row).toEqual({ name: null, phone: null });
  });
});
