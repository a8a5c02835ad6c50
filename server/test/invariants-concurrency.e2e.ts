// The check-then-write invariants of server/src/database/invariants.ts, each hit by 20–50 parallel
// requests and checked exactly afterwards: in the answers and in the rows. The submission limits and
// the serials run on both engines; the rest only on MariaDB, where transactions really run side by
// side (SQLite runs one write transaction at a time, so nothing races there).
import { randomUUID } from 'node:crypto';
import { AppealEvents } from '../src/appeals/appeal-events.js';
import { submitAppeal, validAppeal } from './support/appeal-factory.js';
import { enginesUnderTest } from './support/test-databases.js';
import { uniqueName, useTestApp } from './support/test-app.js';

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
