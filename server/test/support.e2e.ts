// 同感 (me too): the submit form's look at the place, the tap, the counts staff and the public see — and
// that nobody learns who added theirs. Once per worker, however many taps arrive at once (MariaDB).
import { act, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { enginesUnderTest, type EngineName } from './support/test-databases.js';
import { uniqueName, useTestApp, type TestApp } from './support/test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const times = <T>(n: number, make: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => make(i)));
const support = (t: TestApp, token: string, serial: string) => t.http().post('/api/supports').set(auth(token)).send({ serial });
const similar = (t: TestApp, token: string, org: string, place = 'bath', category = 'living') =>
  t.http().get(`/api/supports/similar?org=${org}&place=${place}&category=${category}`).set(auth(token));

describe.each(enginesUnderTest())('同感 on %s', (engine) => {
  const ctx = useTestApp(engine);

  it('shows another worker the open appeal at the same place above the form, and counts their 同感 once, never saying who', async () => {
    const { t } = ctx;
    const org = await t.createOrg();
    const first = await t.login(uniqueName('w'));
    await t.http().patch('/api/me').set(auth(first)).send({ name: '郝建军', unit: '综采一队', phone: '13912345678' });
    const { body: appeal } = await submitAppeal(t, first, validAppeal(org.code, { content: '澡堂热水总是不热,下夜班洗不成 13912345678' }));
    // Not offered: one without consent to publish, one at another place, one of another category.
    await submitAppeal(t, await t.login(uniqueName('w')), validAppeal(org.code, { publishConsent: false, content: '澡堂的柜子锁坏了好几个' }));
    await submitAppeal(t, await t.login(uniqueName('w')), validAppeal(org.code, { place: 'canteen', content: '食堂夜班窗口关得太早' }));

    const second = await t.login(uniqueName('w'));
    const offered = await similar(t, second, org.code);
    expect(offered.status).toBe(200);
    expect(offered.body.items).toEqual([
      expect.objectContaining({
        serial: appeal.serial,
        place: { code: 'bath', name: expect.any(String) },
        supports: 0,
        mine: false,
        excerpt: expect.stringContaining('澡堂热水总是不热'),
      }),
    ]);
    const text = JSON.stringify(offered.body);
    for (const secret of ['郝建军', '综采一队', '13912345678', appeal.id]) expect(text).not.toContain(secret);
    // Their own appeal is not offered back to the worker who made it.
    expect((await similar(t, first, org.code)).body.items).toEqual([]);

    expect((await support(t, second, appeal.serial)).body).toEqual({ serial: appeal.serial, supports: 1, added: true });
    expect((await support(t, second, appeal.serial)).body).toEqual({ serial: appeal.serial, supports: 1, added: false });
    expect((await similar(t, second, org.code)).body.items[0]).toMatchObject({ supports: 1, mine: true });
    const own = await support(t, first, appeal.serial);
    expect([own.status, own.body.code]).toEqual([409, 'SUPPORT_OWN_APPEAL']);

    // Staff read the count on the appeal and in the inbox row; nothing anywhere says who.
    const office = await t.login(org.staff.coordinator);
    const view = await t.http().get(`/api/appeals/${appeal.id}`).set(auth(office));
    expect(view.body.staff.supports).toBe(1);
    const inbox = await t.http().get('/api/appeals?queue=new').set(auth(office));
    expect(inbox.body.items.find((a: { id: string }) => a.id === appeal.id).supports).toBe(1);
    const [secondUser] = await t.db.query('SELECT id FROM users WHERE id IN (SELECT user_id FROM appeal_supports)');
    expect(JSON.stringify(view.body) + JSON.stringify(inbox.body)).not.toContain(secondUser.id);
    // The worker's own view carries no staff part, so neither count nor supporter.
    expect((await t.http().get(`/api/appeals/${appeal.id}`).set(auth(first))).body.staff).toBeUndefined();

    // The public count by serial, this mine's only.
    const other = await t.createOrg();
    const elsewhere = (await submitAppeal(t, await t.login(uniqueName('w')), validAppeal(other.code))).body;
    await support(t, second, elsewhere.serial);
    const counts = await t.http().get(`/api/public/orgs/${org.code}/supports?serials=${appeal.serial},${elsewhere.serial},NOPE-1`);
    expect(counts.body).toEqual({ counts: { [appeal.serial]: 1 } });
  });

  it('refuses 同感 on an appeal that was withdrawn, and on one whose worker did not agree to publish it (as if it did not exist)', async () => {
    const { t, org } = ctx;
    const owner = await t.login(uniqueName('w'));
    const other = await t.login(uniqueName('w'));
    const { body: withdrawn } = await submitAppeal(t, owner, validAppeal(org.code));
    expect((await act(t, owner, withdrawn.id, 'withdraw', { reason: '问题已自行解决' })).status).toBe(200);
    const late = await support(t, other, withdrawn.serial);
    expect([late.status, late.body.code]).toEqual([409, 'SUPPORT_NOT_OPEN']);
    expect((await similar(t, other, org.code)).body.items.map((i: { serial: string }) => i.serial)).not.toContain(withdrawn.serial);
    const { body: hidden } = await submitAppeal(t, owner, validAppeal(org.code, { publishConsent: false, content: '宿舍楼道的灯坏了三天了' }));
    const unseen = await support(t, other, hidden.serial);
    expect([unseen.status, unseen.body.code]).toEqual([404, 'APPEAL_NOT_FOUND']);
    expect((await t.http().post('/api/supports').send({ serial: hidden.serial })).status).toBe(401);
  });
});

const mariadbOnly = enginesUnderTest().filter((engine) => engine === 'mariadb');
const onMariadb = mariadbOnly.length ? describe.each(mariadbOnly) : describe.skip.each(['mariadb' as EngineName]);

onMariadb('同感 under parallel taps on %s', (engine) => {
  const ctx = useTestApp(engine);
  const RACERS = 30;

  it(`counts ${RACERS} parallel 同感 from one worker once`, async () => {
    const { t, org } = ctx;
    const { body: appeal } = await submitAppeal(t, await t.login(uniqueName('w')), validAppeal(org.code));
    const worker = await t.login(uniqueName('w'));
    const answers = await times(RACERS, () => support(t, worker, appeal.serial));
    expect(answers.map((a) => a.status)).toEqual(Array(RACERS).fill(200));
    expect(answers.filter((a) => a.body.added)).toHaveLength(1);
    const [row] = await t.db.query('SELECT COUNT(*) AS n FROM appeal_supports WHERE appeal_id = ?', [appeal.id]);
    expect(Number(row.n)).toBe(1);
  });

  it(`counts ${RACERS} parallel 同感 from ${RACERS} workers ${RACERS} times`, async () => {
    const { t, org } = ctx;
    const { body: appeal } = await submitAppeal(t, await t.login(uniqueName('w')), validAppeal(org.code));
    const workers = await times(RACERS, () => t.login(uniqueName('w')));
    const answers = await times(RACERS, (i) => support(t, workers[i], appeal.serial));
    expect(answers.map((a) => [a.status, a.body.added])).toEqual(Array(RACERS).fill([200, true]));
    const [row] = await t.db.query('SELECT COUNT(*) AS n FROM appeal_supports WHERE appeal_id = ?', [appeal.id]);
    expect(Number(row.n)).toBe(RACERS);
    const counts = await t.http().get(`/api/public/orgs/${org.code}/supports?serials=${appeal.serial}`);
    expect(counts.body.counts[appeal.serial]).toBe(RACERS);
  });
});
