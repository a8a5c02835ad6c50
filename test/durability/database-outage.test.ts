// The database goes away under load and comes back, on MariaDB. Between the server and
// MariaDB sits a TCP proxy of the test's own, so other test files on the same MariaDB are not disturbed:
// - stopped: every connection reset and new ones refused, as a shut-down database looks to the server.
//   Meanwhile the API answers 503 in the envelope, with a sentence a worker can read, quickly and never
//   a 500; the health check says so; once it is back the server recovers by itself, without a restart.
// - hanging: every byte held, nothing closed. Requests get their 503 after REQUEST_TIMEOUT_MS instead
//   of hanging, and the server recovers when the bytes flow again.
// Either way every appeal that was acknowledged exists exactly once (clients retry with their key).
// OUTAGE_SECONDS and FREEZE_SECONDS set how long (20 and 12 by default).
import { randomUUID } from 'node:crypto';
import type { RowDataPacket } from 'mysql2/promise';
import { apiLogin } from '../support/api.js';
import { startDemoServer, type DemoServer } from '../support/demo-server.js';
import { scratchMysql, type ScratchDatabase } from '../support/scratch-mysql.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { timeBudget } from '../support/time-budget.js';

const CLIENTS = 8;
const OUTAGE_MS = Number(process.env.OUTAGE_SECONDS ?? 20) * 1000;
const FREEZE_MS = Number(process.env.FREEZE_SECONDS ?? 12) * 1000;
/** A request that gets no answer in this long counts as hanging. */
const HANG_MS = 8000;
const UNAVAILABLE = { statusCode: 503, code: 'DATABASE_UNAVAILABLE', message: '系统正忙,请稍后再试,您填写的内容不会丢失' };

interface Answer {
  at: number;
  status: number | 'network';
  ms: number;
  body?: { statusCode?: number; code?: string; message?: string; id?: string };
}

interface Rig {
  db: ScratchDatabase;
  proxy: TcpProxy;
  server: DemoServer;
  close(): Promise<void>;
}

/** The demo server on a scratch MariaDB database reached through the proxy. */
async function rig(prefix: string, requestTimeoutMs: number): Promise<Rig> {
  const db = (await scratchMysql(prefix))!;
  const proxy = await startTcpProxy({ host: db.host, port: db.port });
  const viaProxy = new URL(db.url);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  // The rate limit is not under test here: each client submits for the whole run.
  const server = await startDemoServer({
    databaseUrl: viaProxy.toString(),
    env: { APPEAL_LIMIT_PER_10_MINUTES: '100000', APPEAL_LIMIT_PER_DAY: '100000', REQUEST_TIMEOUT_MS: String(requestTimeoutMs) },
  });
  return {
    db,
    proxy,
    server,
    async close() {
      await server.stop();
      await proxy.close();
      await db.drop();
    },
  };
}

/**
 * Workers' phones submitting until `stop()`: on anything but 2xx each retries the same key, as the
 * mini-program's draft does. Every answer is kept with when it was asked and how long it took.
 */
async function startLoad(base: string, prefix: string) {
  const workers = await Promise.all(Array.from({ length: CLIENTS }, async (_, i) => ({ openid: `${prefix}_${i}`, token: await apiLogin(base, `${prefix}_${i}`) })));
  const answers: Answer[] = [];
  const acknowledged = new Map<string, string>(); // idempotency key → appeal id
  let stopping = false;

  async function post(key: string, token: string, n: number): Promise<Answer> {
    const at = Date.now();
    try {
      const response = await fetch(`${base}/api/appeals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
        body: JSON.stringify({ org: 'cy', category: 'living', content: `澡堂热水第 ${n} 次反映,晚上九点就没热水了`, identity: 'named', publishConsent: true }),
        signal: AbortSignal.timeout(HANG_MS * 2),
      });
      return { at, status: response.status, ms: Date.now() - at, body: (await response.json()) as Answer['body'] };
    } catch {
      return { at, status: 'network', ms: Date.now() - at };
    }
  }

  const running = Promise.all(
    workers.map(async (worker) => {
      for (let n = 0; !stopping; n++) {
        const key = randomUUID();
        for (;;) {
          const answer = await post(key, worker.token, n);
          answers.push(answer);
          if (typeof answer.status === 'number' && answer.status < 300) {
            acknowledged.set(key, answer.body!.id!);
            break;
          }
          await new Promise((r) => setTimeout(r, 250));
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    }),
  );

  return {
    answers,
    acknowledged,
    /** Waits for the first appeal acknowledged that was asked for after `since`; the time it came, or 0. */
    async recovery(since: number, withinMs: number): Promise<number> {
      while (Date.now() - since < withinMs) {
        if (answers.some((a) => a.at >= since && a.status === 201)) return Date.now();
        await new Promise((r) => setTimeout(r, 100));
      }
      return 0;
    },
    async stop() {
      stopping = true;
      await running;
    },
  };
}

/** Every acknowledged appeal exactly once, and nothing else of these workers, as the database itself holds them. */
async function expectStoredExactly(db: ScratchDatabase, prefix: string, acknowledged: Map<string, string>): Promise<void> {
  const connection = await db.connect();
  try {
    const [rows] = await connection.query<RowDataPacket[]>('SELECT a.id, a.idempotency_key AS k FROM appeals a JOIN users u ON u.id = a.submitter_id WHERE u.openid LIKE ?', [
      `${prefix}\\_%`,
    ]);
    expect(rows).toHaveLength(acknowledged.size);
    expect(new Map(rows.map((r) => [r.k as string, r.id as string]))).toEqual(acknowledged);
  } finally {
    await connection.end();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const health = async (base: string) => (await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(HANG_MS) }).catch(() => null))?.status ?? 'network';
const maybe = process.env.TEST_MYSQL_URL ? it : it.skip;

maybe(
  'a stopped database gets 503s meanwhile, the server recovers by itself and loses nothing it acknowledged',
  async () => {
    const { db, proxy, server, close } = await rig('mq_outage', 5000);
    try {
      const load = await startLoad(server.baseUrl, 'outage');
      await sleep(2000);
      const beforeOutage = load.acknowledged.size;
      const outageStart = Date.now();
      await proxy.stop();
      await sleep(OUTAGE_MS / 2);
      const healthDuringOutage = await health(server.baseUrl);
      await sleep(outageStart + OUTAGE_MS - Date.now());
      const acknowledgedDuringOutage = load.acknowledged.size;
      await proxy.start();
      const outageEnd = Date.now();
      const recoveredAt = await load.recovery(outageEnd, 30_000);
      await sleep(2000);
      await load.stop();
      const healthAfter = await health(server.baseUrl);

      // Requests begun well inside the outage: each must have its 503 long before the database is back.
      const during = load.answers.filter((a) => a.at >= outageStart + 1000 && a.at <= outageEnd - HANG_MS);
      const unavailable = during.filter((a) => a.status === 503);
      console.info(
        `database outage of ${OUTAGE_MS / 1000} s: ${load.acknowledged.size} appeals acknowledged (${beforeOutage} before it); ` +
          `${unavailable.length} answers 503 meanwhile, slowest ${Math.max(...during.map((a) => a.ms))} ms; recovered ${recoveredAt - outageEnd} ms after the database came back`,
      );

      expect(beforeOutage).toBeGreaterThan(0);
      // Meanwhile: 503s in the envelope with the worker's sentence, nothing else, and none of them hanging.
      expect(unavailable.length).toBeGreaterThan(10);
      expect(during.filter((a) => a.status !== 503)).toEqual([]);
      for (const a of unavailable) {
        expect(a.body).toEqual(UNAVAILABLE);
        expect(a.ms).toBeLessThan(HANG_MS);
      }
      expect(healthDuringOutage).toBe(503);
      // Nothing can be acknowledged while the database is away (at most what was in flight when it went).
      expect(acknowledgedDuringOutage - beforeOutage).toBeLessThanOrEqual(CLIENTS);
      // Back by itself.
      expect(recoveredAt).toBeGreaterThan(0);
      expect(healthAfter).toBe(200);
      expect(load.answers.filter((a) => a.status === 500)).toEqual([]);
      expect(load.acknowledged.size).toBeGreaterThan(acknowledgedDuringOutage);
      await expectStoredExactly(db, 'outage', load.acknowledged);
    } finally {
      await close();
    }
  },
  timeBudget({ waitMs: OUTAGE_MS + 30_000 + 4000 }),
); // the outage, the 30 s it has to recover in, and the load's 2 s before and after

maybe(
  'a database that hangs without closing anything gets 503s after the request timeout, and nothing is lost when it answers again',
  async () => {
    const TIMEOUT_MS = 2000;
    const { db, proxy, server, close } = await rig('mq_freeze', TIMEOUT_MS);
    try {
      const load = await startLoad(server.baseUrl, 'freeze');
      await sleep(2000);
      const freezeStart = Date.now();
      proxy.freeze();
      await sleep(FREEZE_MS);
      proxy.thaw();
      const freezeEnd = Date.now();
      const recoveredAt = await load.recovery(freezeEnd, 60_000);
      await load.stop();

      // Requests begun while the database hangs, early enough that their answer is due before it answers again.
      const during = load.answers.filter((a) => a.at >= freezeStart + 500 && a.at <= freezeEnd - (TIMEOUT_MS + 3000));
      console.info(
        `database hanging for ${FREEZE_MS / 1000} s: ${during.filter((a) => a.status === 503).length} answers 503 meanwhile, slowest ${Math.max(...during.map((a) => a.ms))} ms; ` +
          `recovered ${recoveredAt - freezeEnd} ms after it answered again; ${load.acknowledged.size} acknowledged`,
      );
      expect(during.length).toBeGreaterThan(CLIENTS);
      for (const a of during) {
        expect(a.body).toEqual(UNAVAILABLE);
        expect(a.ms).toBeLessThan(TIMEOUT_MS + 3000);
      }
      expect(recoveredAt).toBeGreaterThan(0);
      expect(load.answers.filter((a) => a.status === 500)).toEqual([]);
      await expectStoredExactly(db, 'freeze', load.acknowledged);
    } finally {
      await close();
    }
  },
  timeBudget({ waitMs: FREEZE_MS + 60_000 + 2000 }),
); // the freeze, the 60 s it has to recover in, and the load's 2 s before
