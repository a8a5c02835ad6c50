// No acknowledged appeal is ever lost or doubled: workers submit at load while the server process is
// killed with SIGKILL several times and restarted; each client retries with its idempotency key
// until it gets an answer. Afterwards every appeal that was answered 2xx exists, exactly once. On the
// SQLite file, and on MariaDB when TEST_MYSQL_URL is set. DURABILITY_APPEALS sets the load (CI: small).
import { randomUUID } from 'node:crypto';
import { apiLogin } from '../support/api.js';
import { startDemoServer, type DemoServer } from '../support/demo-server.js';
import { scratchMysql } from '../support/scratch-mysql.js';
import { timeBudget } from '../support/time-budget.js';

const APPEALS = Number(process.env.DURABILITY_APPEALS ?? 120);
const KILLS = Number(process.env.DURABILITY_KILLS ?? 3);
const CONCURRENCY = 8;

interface Acknowledged {
  key: string;
  id: string;
  worker: string;
}

/** The database under test: the SQLite file of the server's data directory, or a MariaDB database of its own. */
async function database(engine: string): Promise<{ url?: string; drop?: () => Promise<void> } | null> {
  if (engine === 'sqlite') return {};
  return scratchMysql('mq_kill');
}

it.each([['sqlite'], ['mariadb']])(
  'loses and doubles nothing through SIGKILLs on %s',
  async (engine) => {
    const target = await database(engine);
    if (!target) return; // MariaDB only when TEST_MYSQL_URL names a server
    let server: DemoServer = await startDemoServer({ databaseUrl: target.url });
    const base = server.baseUrl;
    try {
      // 3 appeals per worker keeps every worker under the per-worker rate limit.
      const workers = await Promise.all(
        Array.from({ length: Math.ceil(APPEALS / 3) }, async (_, i) => ({ openid: `kill_${engine}_${i}`, token: await apiLogin(base, `kill_${engine}_${i}`) })),
      );
      const jobs = Array.from({ length: APPEALS }, (_, i) => ({ key: randomUUID(), worker: workers[i % workers.length], n: i }));
      const acknowledged: Acknowledged[] = [];
      let restarting: Promise<void> | null = null;
      /** Requests that met a dead or restarting server: proof the crashes hit the load. */
      let interrupted = 0;
      let finished = false;

      /** Retries with the same key until the server answers 2xx (it may be down, or restarting). */
      async function submit(job: (typeof jobs)[number]): Promise<void> {
        for (let attempt = 0; attempt < 400; attempt++) {
          if (restarting) await restarting;
          const response = await fetch(`${base}/api/appeals`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${job.worker.token}`, 'idempotency-key': job.key },
            body: JSON.stringify({ org: 'cy', category: 'living', content: `宿舍热水问题第 ${job.n} 件,请尽快处理`, identity: 'named', publishConsent: true }),
            signal: AbortSignal.timeout(5000),
          }).catch(() => null);
          if (response && response.status < 300) {
            acknowledged.push({ key: job.key, id: ((await response.json()) as { id: string }).id, worker: job.worker.openid });
            return;
          }
          if (response && response.status < 500 && response.status !== 429) throw new Error(`submit refused: ${response.status} ${await response.text()}`);
          interrupted++;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        throw new Error(`job ${job.n} never got an answer`);
      }

      // The killer: at intervals while the load runs, SIGKILL and restart on the same port and database.
      let kills = 0;
      const killer = (async () => {
        while (kills < KILLS && !finished) {
          await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 150));
          if (finished) break;
          let done: () => void = () => undefined;
          restarting = new Promise<void>((resolve) => (done = resolve));
          await server.kill();
          kills++;
          server = await startDemoServer({ port: server.port, dataDir: server.dataDir, databaseUrl: target.url });
          restarting = null;
          done();
        }
      })();
      const queue = [...jobs];
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (let job = queue.shift(); job; job = queue.shift()) await submit(job);
        }),
      );
      finished = true;
      await killer;

      // The kills landed while requests were in flight, and every one of them was retried to an answer.
      expect(kills).toBeGreaterThanOrEqual(Math.min(KILLS, 1));
      expect(interrupted).toBeGreaterThan(0);
      console.info(`durability on ${engine}: ${APPEALS} appeals acknowledged through ${kills} SIGKILLs (${interrupted} requests met a dead or restarting server)`);
      expect(acknowledged).toHaveLength(APPEALS);
      // One appeal per key: the same key answered twice (before and after a crash) names the same appeal.
      expect(new Set(acknowledged.map((a) => a.id)).size).toBe(APPEALS);
      for (const worker of workers) {
        const token = await apiLogin(base, worker.openid);
        const mine = (await (await fetch(`${base}/api/appeals?scope=mine`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: Array<{ id: string }> };
        const expected = acknowledged
          .filter((a) => a.worker === worker.openid)
          .map((a) => a.id)
          .sort();
        expect(mine.items.map((a) => a.id).sort()).toEqual(expected);
      }
    } finally {
      await server.stop();
      await target.drop?.();
    }
  },
  timeBudget({ starts: KILLS + 1, requests: APPEALS * 3 }),
); // a start and every restart; per appeal its submission (retries included) and its worker's login and check afterwards
