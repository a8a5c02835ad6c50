// The database goes away under load and comes back (issue 9): while MariaDB is stopped the API answers
// 503 in the envelope with a sentence a worker can read, quickly and without a 500; the health check
// says so; once the database is back the server recovers by itself, without a restart; and every
// appeal that was acknowledged exists exactly once. The "stop" is a TCP proxy between the server and
// MariaDB that resets every connection and refuses new ones — what a stopped database looks like to
// the server — so other test files on the same MariaDB are not disturbed.
// OUTAGE_SECONDS sets how long the database is away (20 by default).
import { randomUUID } from 'node:crypto';
import type { RowDataPacket } from 'mysql2/promise';
import { apiLogin } from '../support/api.js';
import { startDemoServer } from '../support/demo-server.js';
import { scratchMysql } from '../support/scratch-mysql.js';
import { startTcpProxy } from '../support/tcp-proxy.js';

const OUTAGE_MS = Number(process.env.OUTAGE_SECONDS ?? 20) * 1000;
const CLIENTS = 8;
/** A request that gets no answer in this long counts as hanging. */
const HANG_MS = 8000;

interface Answer {
  at: number;
  status: number | 'network';
  ms: number;
  body?: { code?: string; message?: string };
}

const maybe = process.env.TEST_MYSQL_URL ? it : it.skip;

maybe('a stopped database gets 503s meanwhile, the server recovers by itself and loses nothing it acknowledged', async () => {
  const db = (await scratchMysql('mq_outage'))!;
  const proxy = await startTcpProxy({ host: db.host, port: db.port });
  const viaProxy = new URL(db.url);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  // The rate limit is not under test here: each client submits for the whole run.
  const server = await startDemoServer({ databaseUrl: viaProxy.toString(), env: { APPEAL_LIMIT_PER_10_MINUTES: '100000', APPEAL_LIMIT_PER_DAY: '100000', REQUEST_TIMEOUT_MS: '5000' } });
  const base = server.baseUrl;
  try {
    const workers = await Promise.all(Array.from({ length: CLIENTS }, async (_, i) => ({ openid: `outage_${i}`, token: await apiLogin(base, `outage_${i}`) })));
    const answers: Answer[] = [];
    const acknowledged = new Map<string, string>(); // idempotency key → appeal id
    let stopLoad = false;

    async function post(key: string, token: string, n: number): Promise<Answer & { id?: string }> {
      const started = Date.now();
      try {
        const response = await fetch(`${base}/api/appeals`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
          body: JSON.stringify({ org: 'cy', category: 'living', content: `澡堂热水第 ${n} 次反映,晚上九点就没热水了`, identity: 'named', publishConsent: true }),
          signal: AbortSignal.timeout(HANG_MS * 2),
        });
        const body = (await response.json()) as { id?: string; code?: string; message?: string };
        return { at: started, status: response.status, ms: Date.now() - started, body, id: body.id };
      } catch {
        return { at: started, status: 'network', ms: Date.now() - started };
      }
    }

    /** One worker's phone: submit, and on anything but 2xx retry the same key, as the mini-program's draft does. */
    async function client(worker: (typeof workers)[number]): Promise<void> {
      for (let n = 0; !stopLoad; n++) {
        const key = randomUUID();
        for (;;) {
          const answer = await post(key, worker.token, n);
          answers.push(answer);
          if (typeof answer.status === 'number' && answer.status < 300) {
            acknowledged.set(key, answer.id!);
            break;
          }
          await new Promise((r) => setTimeout(r, 250));
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    }

    const health = async () => (await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(HANG_MS) }).catch(() => null))?.status ?? 'network';
    const load = Promise.all(workers.map(client));

    await new Promise((r) => setTimeout(r, 2000));
    const beforeOutage = acknowledged.size;
    const outageStart = Date.now();
    await proxy.stop();
    await new Promise((r) => setTimeout(r, OUTAGE_MS / 2));
    const healthDuringOutage = await health();
    await new Promise((r) => setTimeout(r, outageStart + OUTAGE_MS - Date.now()));
    const acknowledgedDuringOutage = acknowledged.size;
    await proxy.start();
    const outageEnd = Date.now();

    // Recovery by itself: new appeals are acknowledged again, with no restart of the server.
    let recoveredAt = 0;
    while (!recoveredAt && Date.now() - outageEnd < 30_000) {
      if (answers.some((a) => a.at >= outageEnd && a.status === 201)) recoveredAt = Date.now();
      else await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 2000));
    stopLoad = true;
    await load;
    const healthAfter = await health();

    // Requests begun well inside the outage: each must have its 503 long before the database is back.
    const during = answers.filter((a) => a.at >= outageStart + 1000 && a.at <= outageEnd - HANG_MS);
    const unavailable = during.filter((a) => a.status === 503);
    console.info(
      `database outage of ${OUTAGE_MS / 1000} s: ${acknowledged.size} appeals acknowledged (${beforeOutage} before it); ` +
        `${unavailable.length} answers 503 meanwhile, slowest ${Math.max(...during.map((a) => a.ms))} ms; recovered ${recoveredAt - outageEnd} ms after the database came back`,
    );

    expect(beforeOutage).toBeGreaterThan(0);
    // Meanwhile: 503s in the envelope with the worker's sentence, nothing else, and none of them hanging.
    expect(unavailable.length).toBeGreaterThan(10);
    expect(during.filter((a) => a.status !== 503)).toEqual([]);
    for (const a of unavailable) {
      expect(a.body).toEqual({ statusCode: 503, code: 'DATABASE_UNAVAILABLE', message: '系统正忙,请稍后再试,您填写的内容不会丢失' });
      expect(a.ms).toBeLessThan(HANG_MS);
    }
    expect(healthDuringOutage).toBe(503);
    // Nothing can be acknowledged while the database is away (an acknowledgement means committed).
    expect(acknowledgedDuringOutage - beforeOutage).toBeLessThanOrEqual(CLIENTS);
    // Back by itself.
    expect(recoveredAt).toBeGreaterThan(0);
    expect(healthAfter).toBe(200);
    expect(answers.filter((a) => a.status === 500)).toEqual([]);
    expect(acknowledged.size).toBeGreaterThan(acknowledgedDuringOutage);

    // Every acknowledged appeal exactly once, as stored in the database itself.
    const connection = await db.connect();
    try {
      const [rows] = await connection.query<RowDataPacket[]>(
        `SELECT a.id, a.idempotency_key AS k FROM appeals a JOIN users u ON u.id = a.submitter_id WHERE u.openid LIKE 'outage\\_%'`,
      );
      expect(rows).toHaveLength(acknowledged.size);
      expect(new Map(rows.map((r) => [r.k as string, r.id as string]))).toEqual(acknowledged);
    } finally {
      await connection.end();
    }
  } finally {
    await server.stop();
    await proxy.close();
    await db.drop();
  }
}, 180_000);
