// The check-then-write invariants of server/src/database/invariants.ts, each hit by 20–50 parallel
// requests and checked exactly afterwards: in the answers and in the rows. The submission limits and
// the serials run on both engines; the rest only on MariaDB, where transactions really run side by
// side (SQLite runs one write transaction at a time, so nothing races there).
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { AppealEvents } from '../src/appeals/appeal-events.js';
import { Transactions } from '../src/database/transactions.js';
import { DeadlineRunner } from '../src/deadlines/deadline-runner.js';
import { OutboxDispatcher } from '../src/notifications/outbox-dispatcher.js';
import { OutboxRepository, pendingMessage } from '../src/notifications/outbox.repository.js';
import { ReportsRepository } from '../src/reports/reports.repository.js';
import { StaffService } from '../src/staff/staff.service.js';
import { UsersRepository } from '../src/users/users.repository.js';
import { act, insertAppeal, submitAppeal, validAppeal } from './support/appeal-factory.js';
import { enginesUnderTest, type EngineName } from './support/test-databases.js';
import { uniqueName, useTestApp, type TestApp } from './support/test-app.js';

const PARALLEL = 50;
const PER_10_MINUTES = 5;
const PER_DAY = 12;
/** Content that makes the submission fail after it took its number (see the reaction below). */
const FAILS_LATE = '【测试:编号后失败】';

describe.each(enginesUnderTest())('submission limits and serials under parallel requests on %s', (engine) => {
  const ctx = useTestApp(engine, { APPEAL_LIMIT_PER_10_MINUTES: String(PER_10_MINUTES), APPEAL_LIMIT_PER_DAY: String(PER_DAY) });
  beforeAll(() => {
    // A reaction that fails after the serial was taken, as a crash before the commit would.
    ctx.t.app.get(AppealEvents).on('numbered', async (_tx, event) => {
      if (event.after.content.includes(FAILS_LATE)) throw new Error('a reaction failed after the number was taken');
    });
  });
  afterEach(() => ctx.t.setNow(null));

  const rowsOf = async (openid: string) =>
    Number((await ctx.t.db.query('SELECT COUNT(*) AS n FROM appeals WHERE submitter_id = (SELECT id FROM users WHERE openid = ?)', [openid]))[0].n);
  const fire = (token: string, n: number, keys = Array.from({ length: n }, () => randomUUID())) =>
    Promise.all(keys.map((key, i) => submitAppeal(ctx.t, token, validAppeal(ctx.org.code, { content: `第${i + 1}件:澡堂热水不够用,请尽快处理` }), key).then((r) => ({ key, r }))));

  it(`accepts exactly ${PER_10_MINUTES} of ${PARALLEL} parallel submissions from one worker, and replays the accepted ones`, async () => {
    const openid = uniqueName('burst');
    const token = await ctx.t.login(openid);
    const answers = await fire(token, PARALLEL);
    const accepted = answers.filter(({ r }) => r.status === 201);
    expect(accepted).toHaveLength(PER_10_MINUTES);
    expect(answers.filter(({ r }) => r.status !== 201).map(({ r }) => [r.status, r.body.code, r.body.details])).toEqual(
      Array.from({ length: PARALLEL - PER_10_MINUTES }, () => [429, 'APPEAL_RATE_LIMITED', { retryAfterSeconds: 600 }]),
    );
    expect(await rowsOf(openid)).toBe(PER_10_MINUTES);
    // A retry of an accepted submission is still answered with its appeal, the limit reached or not.
    const retries = await Promise.all(accepted.map(({ key, r }) => submitAppeal(ctx.t, token, validAppeal(ctx.org.code, { content: r.body.content }), key)));
    expect(retries.map((retry) => [retry.status, retry.body.id])).toEqual(accepted.map(({ r }) => [200, r.body.id]));
    expect(await rowsOf(openid)).toBe(PER_10_MINUTES);
  });

  it(`accepts exactly the rest of the day's ${PER_DAY} of ${PARALLEL} parallel submissions from one worker`, async () => {
    const openid = uniqueName('day');
    const token = await ctx.t.login(openid);
    const start = Date.now() - 3 * 3600_000;
    // Two bursts of five, eleven minutes apart: ten of the day's twelve used, the ten-minute window clear again.
    for (const offset of [0, 11]) {
      ctx.t.setNow(new Date(start + offset * 60_000));
      expect((await fire(token, PER_10_MINUTES)).map(({ r }) => r.status)).toEqual(Array(PER_10_MINUTES).fill(201));
    }
    ctx.t.setNow(new Date(start + 22 * 60_000));
    const answers = await fire(token, PARALLEL);
    expect(answers.filter(({ r }) => r.status === 201)).toHaveLength(PER_DAY - 2 * PER_10_MINUTES);
    expect(answers.filter(({ r }) => r.status !== 201).map(({ r }) => [r.status, r.body.code, r.body.details])).toEqual(
      Array.from({ length: PARALLEL - (PER_DAY - 2 * PER_10_MINUTES) }, () => [429, 'APPEAL_RATE_LIMITED', { retryAfterSeconds: 3600 }]),
    );
    expect(await rowsOf(openid)).toBe(PER_DAY);
  });

  it(`lets ${PARALLEL} different workers submit at once: every one accepted, numbered 1–${PARALLEL} of the month without a gap, even past failed ones`, async () => {
    const fresh = await ctx.t.createOrg();
    const tokens = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => ctx.t.login(uniqueName(`many${i}`))));
    // Every fifth submission fails after taking its number: its number must go to another.
    const answers = await Promise.all(
      tokens.map((token, i) => submitAppeal(ctx.t, token, validAppeal(fresh.code, { content: `${i % 5 === 4 ? FAILS_LATE : ''}第${i + 1}位职工:宿舍热水时有时无` }))),
    );
    const failing = tokens.filter((_, i) => i % 5 === 4).length;
    expect(answers.filter((r) => r.status !== 201).map((r) => r.status)).toEqual(Array(failing).fill(500));
    const stored: Array<{ serial: string }> = await ctx.t.db.query('SELECT serial FROM appeals WHERE org_id = (SELECT id FROM organizations WHERE code = ?)', [fresh.code]);
    const numbers = stored.map((row) => Number(row.serial.split('-')[1])).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: PARALLEL - failing }, (_, i) => i + 1));
    expect(
      answers
        .filter((r) => r.status === 201)
        .map((r) => r.body.serial)
        .sort(),
    ).toEqual(stored.map((row) => row.serial).sort());
  });
});

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const RACERS = 20;
const times = <T>(n: number, make: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => make(i)));
const count = async (t: TestApp, sql: string, params: unknown[]) => Number((await t.db.query(sql, params))[0].n);

/** `n` leader bind codes the administrator issues. */
const leaderCodes = (t: TestApp, admin: string, n: number) =>
  times(n, async () => (await t.http().post('/api/admin/bind-codes').set(auth(admin)).send({ role: 'leader' })).body.code as string);

/**
 * A new person enters these codes all at once — straight at the service (through the route the requests
 * arrive too spaced out to meet), on a pool whose connections are already open.
 */
async function bindAtOnce(t: TestApp, codes: string[]) {
  const openid = uniqueName('binder');
  await t.login(openid);
  const [{ id: userId }] = await t.db.query('SELECT id FROM users WHERE openid = ?', [openid]);
  const person = (await t.app.get(UsersRepository).loadAuthUser(userId))!;
  await times(codes.length, () => t.db.query('SELECT 1'));
  return { userId: userId as string, answers: await Promise.allSettled(codes.map((code) => t.app.get(StaffService).bind(person, { code }))) };
}

const mariadbOnly = enginesUnderTest().filter((engine) => engine === 'mariadb');
const onMariadb = mariadbOnly.length ? describe.each(mariadbOnly) : describe.skip.each(['mariadb' as EngineName]);

onMariadb('check-then-write invariants under parallel requests on %s', (engine) => {
  const ctx = useTestApp(engine, { APPEAL_LIMIT_PER_10_MINUTES: '1000', APPEAL_LIMIT_PER_DAY: '1000' });
  afterEach(() => ctx.t.setNow(null));

  it('binds one of 30 people who enter one bind code at the same moment; the others are told the code is spent', async () => {
    const { t, org } = ctx;
    const admin = await t.login(org.staff.admin);
    const issued = await t.http().post('/api/admin/bind-codes').set(auth(admin)).send({ role: 'coordinator' });
    expect(issued.status).toBe(201);
    const openids = Array.from({ length: 30 }, (_, i) => uniqueName(`bind${i}`));
    const tokens = await Promise.all(openids.map((openid) => t.login(openid)));
    const answers = await Promise.all(tokens.map((token) => t.http().post('/api/me/bind').set(auth(token)).send({ code: issued.body.code })));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 200).map((a) => [a.status, a.body.code])).toEqual(Array.from({ length: 29 }, () => [422, 'BIND_CODE_INVALID']));
    const placeholders = openids.map(() => '?').join(', ');
    expect(await count(t, `SELECT COUNT(*) AS n FROM staff_roles r JOIN users u ON u.id = r.user_id WHERE u.openid IN (${placeholders})`, openids)).toBe(1);
  });

  it(`gives a person one role row when they enter ${RACERS} bind codes for it at once`, async () => {
    const { t, org } = ctx;
    const admin = await t.login(org.staff.admin);
    const { userId, answers } = await bindAtOnce(t, await leaderCodes(t, admin, RACERS));
    expect(answers.map((a) => (a.status === 'fulfilled' ? a.value.roles : String(a.reason)))).toEqual(Array(RACERS).fill(['worker', 'leader']));
    expect(await count(t, "SELECT COUNT(*) AS n FROM staff_roles WHERE user_id = ? AND role = 'leader'", [userId])).toBe(1);
  });

  it(`keeps a person in one organisation when they enter bind codes of two mines at once (${RACERS} at once)`, async () => {
    const { t } = ctx;
    const mines = [await t.createOrg(), await t.createOrg()];
    const codes = (await Promise.all(mines.map(async (mine) => leaderCodes(t, await t.login(mine.staff.admin), RACERS / 2)))).flat();
    const { userId, answers } = await bindAtOnce(t, codes);
    const refused = answers.flatMap((a) => (a.status === 'rejected' ? [(a.reason as { code?: string }).code ?? String(a.reason)] : []));
    expect(refused).toEqual(Array(RACERS / 2).fill('ROLE_IN_OTHER_ORG'));
    const orgs: Array<{ orgId: string }> = await t.db.query('SELECT DISTINCT org_id AS orgId FROM staff_roles WHERE user_id = ?', [userId]);
    expect(orgs).toHaveLength(1);
    // The refused binds spent nothing: the other mine's codes are still good.
    expect(await count(t, 'SELECT COUNT(*) AS n FROM bind_codes WHERE used_by = ?', [userId])).toBe(RACERS / 2);
  });

  it(`makes one user of first logins with one WeChat account at once (${RACERS} at once)`, async () => {
    const { t } = ctx;
    const openid = uniqueName('first');
    // Straight at the repository: through the route, WeChat's simulator answers code2Session one at a
    // time, which spaces the logins out; several instances behind a balancer would not.
    // The pool's connections opened first, so the lookups run side by side rather than one per new connection.
    await times(RACERS, () => t.db.query('SELECT 1'));
    const users = await times(RACERS, () => t.app.get(UsersRepository).findOrCreateByOpenid(openid, new Date()));
    const rows: Array<{ id: string }> = await t.db.query('SELECT id FROM users WHERE openid = ?', [openid]);
    expect(rows).toHaveLength(1);
    expect(new Set(users.map((u) => u.id))).toEqual(new Set([rows[0].id]));
    const login = await t
      .http()
      .post('/api/auth/wx-login')
      .send({ code: `test:${openid}` });
    expect(login.body.user.id).toBe(rows[0].id);
  });

  it(`attaches a photo to one appeal when ${RACERS} submissions carrying it are sent at once`, async () => {
    const { t, org } = ctx;
    const openid = uniqueName('photo');
    const token = await t.login(openid);
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#1565c0' } })
      .jpeg()
      .toBuffer();
    const uploaded = await t.http().post('/api/uploads').set(auth(token)).attach('file', jpeg, { filename: 'IMG_0001.jpg', contentType: 'image/jpeg' });
    expect(uploaded.status).toBe(201);
    const answers = await times(RACERS, (i) => submitAppeal(t, token, validAppeal(org.code, { content: `第${i + 1}次:澡堂的热水管漏水了`, photos: [uploaded.body.id] })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 201).map((a) => [a.status, a.body.code])).toEqual(Array.from({ length: RACERS - 1 }, () => [422, 'APPEAL_PHOTO_UNKNOWN']));
    const winner = answers.find((a) => a.status === 201)!.body;
    expect(winner.photos.map((p: { id: string }) => p.id)).toEqual([uploaded.body.id]);
    const [row] = await t.db.query('SELECT appeal_id AS appealId FROM uploads WHERE id = ?', [uploaded.body.id]);
    expect(row.appealId).toBe(winner.id);
    expect(await count(t, 'SELECT COUNT(*) AS n FROM appeals WHERE submitter_id = (SELECT id FROM users WHERE openid = ?)', [openid])).toBe(1);
  });

  it(`accepts an appeal once when the office taps 受理 ${RACERS} times at once`, async () => {
    const { t, org } = ctx;
    const office = await t.login(org.staff.coordinator);
    const { body: appeal } = await submitAppeal(t, await t.login(uniqueName('w')), validAppeal(org.code));
    const answers = await times(RACERS, () => act(t, office, appeal.id, 'accept'));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    for (const a of answers.filter((a) => a.status !== 200)) expect([a.status, ['APPEAL_VERSION_CONFLICT', 'APPEAL_STATUS_CONFLICT'].includes(a.body.code)]).toEqual([409, true]);
    expect(await count(t, "SELECT COUNT(*) AS n FROM appeal_events WHERE appeal_id = ? AND type = 'accepted'", [appeal.id])).toBe(1);
    expect(await count(t, "SELECT COUNT(*) AS n FROM appeal_steps WHERE appeal_id = ? AND step = 'dispatch'", [appeal.id])).toBe(1);
    expect(await count(t, 'SELECT version AS n FROM appeals WHERE id = ?', [appeal.id])).toBe(2);
  });

  it(`keeps one rating of ${RACERS} the worker sends at once`, async () => {
    const { t, org } = ctx;
    const office = await t.login(org.staff.coordinator);
    const logistics = await t.login(org.staff.logistics);
    const worker = await t.login(uniqueName('rater'));
    const { body: appeal } = await submitAppeal(t, worker, validAppeal(org.code));
    for (const [who, action, payload] of [
      [office, 'accept', {}],
      [office, 'dispatch', { department: 'logistics', instructions: '请处理' }],
      [logistics, 'acknowledge', {}],
      [logistics, 'respond', { outcome: 'resolved', text: '已修好' }],
      [office, 'reply', { text: '热水器已修好,请您试用' }],
    ] as const)
      expect((await act(t, who, appeal.id, action, payload)).status).toBe(200);
    const ratings = ['satisfied', 'basic'] as const;
    const answers = await times(RACERS, (i) => act(t, worker, appeal.id, 'rate', { rating: ratings[i % 2] }));
    const kept = answers.filter((a) => a.status === 200);
    expect(kept).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 200).map((a) => a.status)).toEqual(Array(RACERS - 1).fill(409));
    expect(await count(t, "SELECT COUNT(*) AS n FROM appeal_events WHERE appeal_id = ? AND type = 'rated'", [appeal.id])).toBe(1);
    const [row] = await t.db.query('SELECT rating FROM appeals WHERE id = ?', [appeal.id]);
    expect(row.rating).toBe(kept[0].body.rating);
  });

  it.each([
    ['departments', 'department', { code: 'safety2', name: '安监二科' }],
    ['places', 'place', { code: 'lamp2', name: '二号灯房', kind: 'other' }],
    ['categories', 'category', { code: 'skills2', name: '技能培训', answerHours: 72 }],
  ])(`creates one of ${RACERS} %s with one code sent at once; the others are told the code is taken`, async (path, entity, body) => {
    const { t } = ctx;
    const org = await t.createOrg();
    const admin = await t.login(org.staff.admin);
    const answers = await times(RACERS, () => t.http().post(`/api/admin/${path}`).set(auth(admin)).send(body));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 201).map((a) => [a.status, a.body.code])).toEqual(Array.from({ length: RACERS - 1 }, () => [409, 'SETUP_CODE_TAKEN']));
    const table = { department: 'departments', place: 'places', category: 'categories' }[entity]!;
    const orgId = (await t.db.query('SELECT id FROM organizations WHERE code = ?', [org.code]))[0].id;
    expect(await count(t, `SELECT COUNT(*) AS n FROM ${table} WHERE org_id = ? AND code = ?`, [orgId, body.code])).toBe(1);
    expect(await count(t, 'SELECT COUNT(*) AS n FROM audit_log WHERE org_id = ? AND action = ?', [orgId, `${entity}.create`])).toBe(1);
  });

  it(`counts every one of ${RACERS} subscription taps new workers make at once`, async () => {
    const { t } = ctx;
    const { accepted, progress, replied } = t.config.wechat.templates;
    // Each tap allows three templates; three new workers tap at once: every credit row is new.
    const tokens = await times(3, (i) => t.login(uniqueName(`subscriber${i}`)));
    const results = { [accepted]: 'accept', [progress]: 'accept', [replied]: 'accept' };
    const answers = await times(3 * RACERS, (i) =>
      t
        .http()
        .post('/api/me/subscriptions')
        .set(auth(tokens[i % 3]))
        .send({ results }),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(3 * RACERS).fill(200));
    for (const token of tokens) {
      expect((await t.http().get('/api/me/subscriptions').set(auth(token))).body.credits).toEqual({ [accepted]: RACERS, [progress]: RACERS, [replied]: RACERS });
    }
  });

  it(`sends each message once and spends each credit once with ${RACERS} dispatchers running at once`, async () => {
    const { t, org } = ctx;
    const openid = uniqueName('inbox');
    const token = await t.login(openid);
    const template = t.config.wechat.templates.accepted;
    // 25 credits (25 taps) for 40 messages: 25 sent, 15 left to the inbox.
    for (let i = 0; i < 25; i++) await t.acceptMessages(token, { [template]: 'accept' });
    const [{ id: userId }] = await t.db.query('SELECT id FROM users WHERE openid = ?', [openid]);
    const [{ id: orgId }] = await t.db.query('SELECT id FROM organizations WHERE code = ?', [org.code]);
    const now = new Date();
    const data = JSON.stringify({
      character_string1: { value: 'CY202612-0001' },
      thing2: { value: '诉求已受理' },
      phrase3: { value: '已受理' },
      time4: { value: '2026-12-01 10:00' },
    });
    await t.app.get(Transactions).run(async (manager) => {
      for (let i = 0; i < 40; i++) {
        const draft = {
          channel: 'wechat' as const,
          orgId,
          userId,
          touser: openid,
          appealId: null,
          dedupeKey: `race-${openid}-${i}`,
          templateId: template,
          page: `pages/detail/index?m=${i}`,
          data,
        };
        await t.app.get(OutboxRepository).enqueue(manager, pendingMessage(draft, now));
      }
    });
    const dispatcher = t.app.get(OutboxDispatcher);
    await times(RACERS, () => dispatcher.runDue(new Date(now.getTime() + 1000), 3));
    // What is left after the burst (each dispatcher took three), as the next rounds would.
    while ((await dispatcher.runDue(new Date(now.getTime() + 1000), 50)).sent) {
      /* drained */
    }
    const pages = t.simulator.records.messagesTo(openid).map((m) => m.page);
    expect(pages).toHaveLength(25);
    expect(new Set(pages).size).toBe(25);
    const states = await t.db.query('SELECT state, COUNT(*) AS n FROM outbox_messages WHERE user_id = ? GROUP BY state ORDER BY state', [userId]);
    expect(states.map((r: { state: string; n: string }) => [r.state, Number(r.n)])).toEqual([
      ['no_credit', 15],
      ['sent', 25],
    ]);
    expect((await t.http().get('/api/me/subscriptions').set(auth(token))).body.credits[template]).toBe(0);
  });

  it(`records a transfer paid once when WeChat Pay's notice of it arrives ${RACERS} times at once`, async () => {
    const { t } = ctx;
    const org = await t.createOrg();
    const admin = await t.login(org.staff.admin);
    expect((await t.http().put('/api/admin/relief-settings').set(auth(admin)).send({ monthlyBudgetFen: 100_000, approver: org.staff.admin })).status).toBe(200);
    const office = await t.login(org.staff.coordinator);
    const worker = await t.login(uniqueName('hardship'));
    const { body: appeal } = await submitAppeal(
      t,
      worker,
      validAppeal(org.code, { category: 'hardship', identity: 'confidential', content: '家里老人住院,每月工资不够开销,想申请困难救助' }),
    );
    expect((await act(t, office, appeal.id, 'accept')).status).toBe(200);
    const proposal = await t.http().post(`/api/appeals/${appeal.id}/relief`).set(auth(office)).send({ amountFen: 50_000, reason: '经走访核实,家庭确有困难' });
    for (const who of [await t.login(org.staff.leader), admin])
      expect((await t.http().post(`/api/relief/${proposal.body.id}/decision`).set(auth(who)).send({ approve: true })).status).toBe(200);
    const mine = (await t.http().get(`/api/appeals/${appeal.id}/relief`).set(auth(worker))).body.items[0];
    // The worker confirms in WeChat; the bill's notice is held back and then arrives many times at once.
    t.simulator.pay!.suppressNextNotice();
    expect((await t.http().post('/__sim/pay/confirm').send({ package: mine.claim.package })).body.state).toBe('SUCCESS');
    const notice = t.simulator.pay!.noticeFor(proposal.body.id.replace(/-/g, ''))!;
    const answers = await times(RACERS, () => t.http().post('/api/wxpay/notify').set(notice.headers).send(notice.body));
    expect(answers.map((a) => a.status)).toEqual(Array(RACERS).fill(204));
    expect(await count(t, "SELECT COUNT(*) AS n FROM appeal_events WHERE appeal_id = ? AND type = 'relief' AND text LIKE '%已到账'", [appeal.id])).toBe(1);
    expect(await count(t, "SELECT COUNT(*) AS n FROM audit_log WHERE entity_key = ? AND action = 'relief.paid'", [proposal.body.id])).toBe(1);
    expect(t.simulator.pay!.bills().filter((b) => b.out_bill_no === proposal.body.id.replace(/-/g, ''))).toHaveLength(1);
  });

  it(`publishes a month's draft once when the office taps 发布 ${RACERS} times at once`, async () => {
    const { t } = ctx;
    const org = await t.createOrg();
    const office = await t.login(org.staff.coordinator);
    const drafts = await times(RACERS, () => t.http().post('/api/reports/2026-10/draft').set(auth(office)));
    expect(drafts.map((d) => [d.status, d.body.version, d.body.state])).toEqual(Array.from({ length: RACERS }, () => [200, 1, 'draft']));
    const answers = await times(RACERS, () => t.http().post('/api/reports/2026-10/publish').set(auth(office)).send({}));
    expect(answers.filter((a) => a.status === 200).map((a) => [a.body.version, a.body.state])).toEqual([[1, 'published']]);
    expect(answers.filter((a) => a.status !== 200).map((a) => [a.status, a.body.code])).toEqual(Array.from({ length: RACERS - 1 }, () => [409, 'REPORT_NO_DRAFT']));
    const rows = await t.db.query('SELECT version, state, published_at AS publishedAt FROM monthly_reports WHERE org_id = (SELECT id FROM organizations WHERE code = ?)', [
      org.code,
    ]);
    expect(rows.map((r: { version: number; state: string }) => [r.version, r.state])).toEqual([[1, 'published']]);
    expect(new Date(rows[0].publishedAt).toISOString()).toBe(answers.find((a) => a.status === 200)!.body.publishedAt);
  });

  describe("a published version stays as it was published (last month's list, one item)", () => {
    async function lastMonthsDraft(t: TestApp) {
      const org = await t.createOrg();
      const office = await t.login(org.staff.coordinator);
      // A replied appeal of last month the worker agreed to publish: one item of the list.
      const appeal = await insertAppeal(t, org.code, { status: 'replied', ownerOpenid: uniqueName('listed') });
      await t.db.query("UPDATE appeals SET outcome = 'resolved', publish_consent = ? WHERE id = ?", [true, appeal.id]);
      const draft = await t.http().post(`/api/reports/${appeal.month}/draft`).set(auth(office));
      expect(draft.body.items).toHaveLength(1);
      const month = appeal.month;
      return {
        month,
        itemId: draft.body.items[0].id as string,
        office,
        publish: () => t.http().post(`/api/reports/${month}/publish`).set(auth(office)).send({}),
        edit: (i: number) =>
          t
            .http()
            .patch(`/api/reports/${month}/items/${draft.body.items[0].id}`)
            .set(auth(office))
            .send({ summary: `第${i}稿:澡堂开放时间已延长`, included: true }),
        refresh: () => t.http().post(`/api/reports/${month}/draft`).set(auth(office)),
        // Version 1 as the office reads it, without the list of versions (a refresh after the publish starts version 2).
        v1: async () => {
          const { versions: _versions, ...v1 } = (await t.http().get(`/api/reports/${month}?version=1`).set(auth(office))).body;
          return v1;
        },
      };
    }

    /** Runs `first` until it has read the month's versions, then `between` to its end, then lets `first` go on. */
    async function interleave<T>(t: TestApp, first: () => PromiseLike<T>, between: () => PromiseLike<unknown>): Promise<T> {
      const repo = t.app.get(ReportsRepository);
      const versions = repo.versions.bind(repo);
      let reached!: () => void;
      let release!: () => void;
      const atGate = new Promise<void>((resolve) => (reached = resolve));
      const gate = new Promise<void>((resolve) => (release = resolve));
      repo.versions = async (...args) => {
        const found = await versions(...args);
        repo.versions = versions;
        reached();
        await gate;
        return found;
      };
      const running = Promise.resolve(first());
      await atGate;
      await between();
      release();
      return running;
    }

    it(`keeps ${RACERS} edits and refreshes racing the publish out of the published version`, async () => {
      const { t } = ctx;
      const report = await lastMonthsDraft(t);
      let atPublish: unknown;
      const answers = await times(RACERS + 1, (i) =>
        i === RACERS / 2 ? report.publish().then(async (r) => ((atPublish = await report.v1()), r)) : i % 4 === 3 ? report.refresh() : report.edit(i),
      );
      expect(answers[RACERS / 2].status).toBe(200);
      // An edit too late finds no draft, or (after a refresh started version 2) not its item in the new draft.
      for (const a of answers.filter((a) => a.status !== 200))
        expect([
          [409, 'REPORT_NO_DRAFT'],
          [404, 'NOT_FOUND'],
        ]).toContainEqual([a.status, a.body.code]);
      expect(await report.v1()).toEqual(atPublish);
    });

    it('refuses an edit that read the draft before it was published and writes after', async () => {
      const { t } = ctx;
      const report = await lastMonthsDraft(t);
      const published = { status: 0 };
      const edited = await interleave(
        t,
        () => report.edit(1),
        async () => (published.status = (await report.publish()).status),
      );
      expect(published.status).toBe(200);
      expect([edited.status, edited.body.code]).toEqual([409, 'REPORT_NO_DRAFT']);
      expect((await report.v1()).items.map((i: { summary: string | null; included: boolean }) => [i.summary, i.included])).toEqual([[null, false]]);
    });

    it('starts version 2 for a refresh that read the draft before it was published and writes after', async () => {
      const { t } = ctx;
      const report = await lastMonthsDraft(t);
      const before = await report.v1();
      const refreshed = await interleave(t, report.refresh, async () => expect((await report.publish()).status).toBe(200));
      expect([refreshed.status, refreshed.body.version, refreshed.body.state]).toEqual([200, 2, 'draft']);
      const after = await report.v1();
      expect([after.state, after.figures]).toEqual(['published', before.figures]);
    });
  });

  it(`sends each reminder and escalation once with ${RACERS} deadline runners running at once`, async () => {
    const { t } = ctx;
    const org = await t.createOrg();
    const office = await t.login(org.staff.coordinator);
    const start = new Date('2026-12-07T08:00:00+08:00');
    t.setNow(start);
    for (let i = 0; i < 6; i++) {
      const { body } = await submitAppeal(t, await t.login(uniqueName(`late${i}`)), validAppeal(org.code, { content: `第 ${i + 1} 件:宿舍热水时有时无` }));
      if (i % 2) expect((await act(t, office, body.id, 'accept')).status).toBe(200);
    }
    const runner = t.app.get(DeadlineRunner);
    // A week later every reminder and rung of these appeals' steps is due at once (and those of the
    // appeals the other tests left: the runners serve every organisation, so the counts are global).
    const sent = await times(RACERS, () => runner.runDue(new Date(start.getTime() + 7 * 86_400_000)));
    const events: Array<{ data: string; mine: number | string }> = await t.db.query(
      "SELECT e.data, CASE WHEN o.code = ? THEN 1 ELSE 0 END AS mine FROM appeal_events e JOIN organizations o ON o.id = e.org_id WHERE e.type IN ('reminder', 'escalated')",
      [org.code],
    );
    const actions = events.map((e) => (JSON.parse(e.data) as { actionId: string }).actionId);
    expect(events.filter((e) => Number(e.mine)).length).toBeGreaterThan(6);
    expect(new Set(actions).size).toBe(actions.length);
    expect(sent.reduce((a, b) => a + b, 0)).toBe(actions.length);
    expect(await count(t, 'SELECT COUNT(*) AS n FROM step_actions WHERE done_at IS NOT NULL', [])).toBe(actions.length);
  });
});
