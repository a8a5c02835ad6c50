// The abuse limits under parallel requests: login per address, bind codes per person and per address,
// public pages per address, sticker scans per address and place — each accepts exactly its limit,
// answers the rest 429 in the envelope with Retry-After, and counts in the database, so two server
// instances (two connection pools) share one count.
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ErrorEnvelope } from '@minqing/shared';
import { Clock } from '../src/common/clock.js';
import { dataSourceOptions } from '../src/database/data-source-options.js';
import { ENTITIES } from '../src/entities.js';
import { ThrottleCounters } from '../src/throttle/throttle-counters.js';
import { enginesUnderTest, type EngineName } from './support/test-databases.js';
import { uniqueName, useTestApp, type TestApp } from './support/test-app.js';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const PARALLEL = 40;
/** Mid-minute and mid-hour, so no burst straddles a window's end. */
const NOON = new Date('2026-12-08T04:20:30Z');

const statuses = (responses: Array<{ status: number }>) => {
  const counts: Record<number, number> = {};
  for (const r of responses) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
};

function expectLimited(response: { status: number; body: ErrorEnvelope; headers: Record<string, string> }) {
  expect(response.status).toBe(429);
  expect(response.body).toEqual({ statusCode: 429, code: 'RATE_LIMITED', message: '操作太频繁了,请稍后再试', details: { retryAfterSeconds: expect.any(Number) } });
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
}

describe.each(enginesUnderTest())('abuse limits on %s', (engine) => {
  const ctx = useTestApp(engine, {
    THROTTLE_LOGIN_PER_MINUTE: '10',
    THROTTLE_BIND_PER_HOUR_USER: '5',
    THROTTLE_BIND_PER_HOUR_IP: '8',
    THROTTLE_SCANS_PER_HOUR: '3',
    THROTTLE_PUBLIC_PER_MINUTE: '20',
  });
  const at = (t: TestApp, minutes: number) => t.setNow(new Date(NOON.getTime() + minutes * 60_000));
  afterAll(() => ctx.t?.setNow(null));

  it('logs in exactly the limit of one address in parallel, answers the rest 429 with Retry-After, and again in the next minute', async () => {
    const { t } = ctx;
    at(t, 0);
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        t
          .http()
          .post('/api/auth/wx-login')
          .send({ code: `test:${uniqueName(`l${i}`)}` }),
      ),
    );
    expect(statuses(responses)).toEqual({ 200: 10, 429: PARALLEL - 10 });
    expectLimited(responses.find((r) => r.status === 429)!);
    at(t, 1);
    expect((await t.http().post('/api/auth/wx-login').send({ code: 'test:next_minute' })).status).toBe(200);
  });

  it('lets one person try exactly 5 bind codes an hour, and one address 8 whoever tries', async () => {
    const { t } = ctx;
    at(t, 10);
    const [guesser, other] = [await t.login(uniqueName('guess')), await t.login(uniqueName('guess'))];
    const guesses = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        t
          .http()
          .post('/api/me/bind')
          .set(auth(guesser))
          .send({ code: `WRONG${String(i).padStart(3, '2')}` }),
      ),
    );
    expect(statuses(guesses)).toEqual({ 422: 5, 429: PARALLEL - 5 });
    expect(guesses.find((r) => r.status === 422)!.body.code).toBe('BIND_CODE_INVALID');
    expectLimited(guesses.find((r) => r.status === 429)!);
    // The same address: 3 more for anyone, then nothing.
    const more = await Promise.all(Array.from({ length: 10 }, () => t.http().post('/api/me/bind').set(auth(other)).send({ code: 'ZZZZZZZZ' })));
    expect(statuses(more)).toEqual({ 422: 3, 429: 7 });
    at(t, 70);
    expect((await t.http().post('/api/me/bind').set(auth(guesser)).send({ code: 'ZZZZZZZZ' })).status).toBe(422);
  });

  it('serves exactly 20 public pages and reports a minute to one address', async () => {
    const { t, org } = ctx;
    at(t, 20);
    const paths = [`/p/${org.code}/resolved`, `/api/public/orgs/${org.code}/resolved`, `/api/public/orgs/${org.code}/reports`, `/api/public/orgs/${org.code}`];
    const responses = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => t.http().get(paths[i % paths.length])));
    // Each route has its own count of the address: 10 requests to each of 4 routes, all under 20.
    expect(statuses(responses)).toEqual({ 200: PARALLEL });
    const one = await Promise.all(Array.from({ length: PARALLEL }, () => t.http().get(paths[0])));
    expect(statuses(one)).toEqual({ 200: 10, 429: PARALLEL - 10 });
    expectLimited(one.find((r) => r.status === 429)! as never);
  });

  it('counts at most 3 scans an hour of one place from one address, out of 1,000, and still lands every one on the form', async () => {
    const { t, org } = ctx;
    at(t, 30);
    const scans = async (place: string) =>
      Number((await t.db.query('SELECT p.scan_count AS n FROM places p JOIN organizations o ON o.id = p.org_id WHERE o.code = ? AND p.code = ?', [org.code, place]))[0].n);
    const before = { canteen: await scans('canteen'), bath: await scans('bath') };
    const answers: number[] = [];
    for (let batch = 0; batch < 1000 / 50; batch++) {
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          i % 2
            ? t.http().get(`/q/${org.code}/canteen`)
            : t
                .http()
                .post('/api/public/orgs/scans')
                .send({ scene: `o=${org.code}&s=canteen` }),
        ),
      );
      answers.push(...responses.map((r) => r.status));
    }
    expect(statuses(answers.map((status) => ({ status })))).toEqual({ 204: 500, 302: 500 });
    expect(await scans('canteen')).toBe(before.canteen + 3);
    // Another place has its own count.
    await t.http().get(`/q/${org.code}/bath`);
    expect(await scans('bath')).toBe(before.bath + 1);
    // The counters say nothing of who scanned: neither the address nor its plain hash is stored (an
    // IPv4 address's SHA-256 is undone by trying all 2³² of them).
    const buckets: string[] = (await t.db.query("SELECT bucket FROM throttle_counters WHERE bucket LIKE 'scan:%'")).map((r: { bucket: string }) => r.bucket);
    expect(buckets.length).toBeGreaterThan(0);
    const address = '127.0.0.1';
    const plain = createHash('sha256').update(`${address}|${org.code}|canteen`).digest('hex');
    expect(buckets.filter((b) => b.includes(address) || b.includes(plain))).toEqual([]);
  });
});

const mariadb = enginesUnderTest().filter((engine) => engine === 'mariadb');
(mariadb.length ? describe.each(mariadb) : describe.skip.each(['mariadb' as EngineName]))('the counters of two instances on %s', (engine) => {
  const ctx = useTestApp(engine);
  let second: DataSource;
  afterAll(() => second?.destroy());

  it('accept exactly the limit of 50 parallel hits split over two connection pools', async () => {
    const { t } = ctx;
    second = await new DataSource(dataSourceOptions(t.config.database, ENTITIES)).initialize();
    const clock = { now: () => NOON } as Clock;
    const instances = [new ThrottleCounters(t.db, clock, t.config), new ThrottleCounters(second, clock, t.config)];
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => instances[i % 2].count('test', 'one-client', 17, 60_000)));
    expect(results.filter((r) => r.accepted)).toHaveLength(17);
    // The sweep keeps a window that has not ended and deletes it once it has.
    expect(await instances[1].sweep()).toBe(0);
    const later = { now: () => new Date(NOON.getTime() + 60_000) } as Clock;
    expect(await new ThrottleCounters(t.db, later, t.config).sweep()).toBe(1);
  });
});
