// The bare baseline: Fastify and mysql2, no framework, no checks — one INSERT of the same shape per
// POST (/appeals). What the product's submission is measured against. A second route (/appeals-same-work)
// makes the same 16 round trips as the product's submission, in bare SQL on small tables of its own: the
// caller and roles, the earlier key with the rate limit, the organisation with its category; then one transaction with
// the submitter's row locked (FOR UPDATE, one of 500 submitters as the bench's 500 workers), the earlier key and
// the rate limit again under it, the appeal, its event, its step and reminders, what the appeal counts for (the
// appeal with its steps and two counts of its events), the serial counter, the serial, the inbox notice and the
// month's counts (one upsert of three rows, n = n + 1). The digest's look-up (once per window) is not counted.
// It also makes the product's one call out, the content check (msg_sec_check over HTTP, before the
// transaction): through the product's own WeChat client (server/dist's WechatApiClient: its cached access
// token, fetch, JSON) to the product's WeChat simulator started in this process — as the product in the
// bench starts one in its own process and calls it over loopback. So each side's CPU holds both ends of
// that call, as the other's does; without it the baseline left out work the product must do (in production
// the call goes to WeChat, and the simulator's end leaves the server's process). Text the simulator
// refuses to check (its 4,000 a minute) is flagged as the product flags it: one more row, as the
// product's one more timeline line.
// Beside the product it shows what the round trips cost and what the framework costs.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import mysql from 'mysql2/promise';
import { WechatApiClient } from '../server/dist/wechat/wechat-api.client.js';
import { startWechatSimulator } from '../server/dist/wechat/simulator/wechat-simulator.js';

const simulator = await startWechatSimulator({ port: 0, host: '127.0.0.1' });
const wechat = new WechatApiClient({ baseUrl: simulator.baseUrl, appid: 'wxsimulator0000001', secret: 'simulator-secret', timeoutMs: 5000 });
/** The product's ContentCheck: 'risky' refused, anything but 'pass' (or no answer) flagged. */
async function contentCheck(openid, content) {
  try {
    const { suggest } = await wechat.msgSecCheck({ openid, content, scene: 3 });
    if (suggest === 'risky') throw Object.assign(new Error('risky'), { statusCode: 422 });
    return suggest === 'pass' ? 'pass' : 'review';
  } catch (error) {
    if (error.statusCode === 422) throw error;
    return 'review';
  }
}

const url = new URL(process.env.DATABASE_URL);
const pool = mysql.createPool({
  host: url.hostname,
  port: Number(url.port || 3306),
  user: decodeURIComponent(url.username),
  password: decodeURIComponent(url.password),
  database: url.pathname.slice(1),
  connectionLimit: 10,
});
await pool.query(`CREATE TABLE IF NOT EXISTS bare_appeals (
  id VARCHAR(36) PRIMARY KEY, org VARCHAR(24) NOT NULL, category VARCHAR(24) NOT NULL, content TEXT NOT NULL,
  idempotency_key VARCHAR(64) NOT NULL, created_at DATETIME(3) NOT NULL, UNIQUE KEY uq_key (idempotency_key))`);
await pool.query(
  `CREATE TABLE IF NOT EXISTS bare_side (id VARCHAR(36) PRIMARY KEY, kind VARCHAR(16) NOT NULL, owner_id VARCHAR(36) NOT NULL, body TEXT, created_at DATETIME(3) NOT NULL, KEY ix_owner (owner_id))`,
);
await pool.query(`CREATE TABLE IF NOT EXISTS bare_users (id VARCHAR(36) PRIMARY KEY, openid VARCHAR(64) NOT NULL)`);
const SUBMITTERS = 500;
await pool.query(`INSERT IGNORE INTO bare_users VALUES ${Array.from({ length: SUBMITTERS }, (_, i) => `('u-${i}', 'o-${i}')`).join(', ')}`);
await pool.query(`CREATE TABLE IF NOT EXISTS bare_counter (org VARCHAR(24) PRIMARY KEY, last_value INT NOT NULL)`);
await pool.query(`INSERT IGNORE INTO bare_counter VALUES ('cy', 0)`);
await pool.query(
  `CREATE TABLE IF NOT EXISTS bare_counts (org VARCHAR(24) NOT NULL, facet VARCHAR(16) NOT NULL, dims VARCHAR(255) NOT NULL, n INT NOT NULL, PRIMARY KEY (org, facet, dims))`,
);
const app = Fastify();
app.post('/appeals', async (request, reply) => {
  const body = request.body;
  const id = randomUUID();
  await pool.execute('INSERT INTO bare_appeals (id, org, category, content, idempotency_key, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
    id,
    body.org,
    body.category,
    body.content,
    request.headers['idempotency-key'],
    new Date(),
  ]);
  reply.code(201);
  return { id };
});
let submissions = 0;
app.post('/appeals-same-work', async (request, reply) => {
  const body = request.body;
  const key = request.headers['idempotency-key'];
  const id = randomUUID();
  const now = new Date();
  const user = `u-${submissions++ % SUBMITTERS}`;
  await pool.query('SELECT * FROM bare_side WHERE owner_id = ? LIMIT 1', [user]); // caller and roles
  const activity = (db) =>
    db.query('SELECT MAX(CASE WHEN body = ? THEN id END), SUM(CASE WHEN created_at >= ? THEN 1 ELSE 0 END) FROM bare_side WHERE owner_id = ?', [
      key,
      new Date(now.getTime() - 600_000),
      user,
    ]);
  await activity(pool); // earlier submission, rate limit
  await pool.query('SELECT * FROM bare_counter o LEFT JOIN bare_counter c ON c.org = ? WHERE o.org = ?', [body.category, body.org]); // organisation and category
  const verdict = await contentCheck(`o-${user}`, body.content.trim());
  const connection = await pool.getConnection();
  try {
    await connection.query('START TRANSACTION');
    await connection.query('SELECT openid FROM bare_users WHERE id = ? FOR UPDATE', [user]); // the submitter's lock
    await activity(connection); // the earlier key and the rate limit under it
    await connection.execute('INSERT INTO bare_appeals (id, org, category, content, idempotency_key, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
      id,
      body.org,
      body.category,
      body.content,
      key,
      now,
    ]);
    const kinds = verdict === 'review' ? ['event', 'flagged', 'step', 'reminders'] : ['event', 'step', 'reminders'];
    for (const kind of kinds) await connection.execute('INSERT INTO bare_side VALUES (?, ?, ?, ?, ?)', [randomUUID(), kind, id, body.content, now]);
    await connection.query(
      `SELECT a.*, (SELECT COUNT(*) FROM bare_side e WHERE e.owner_id = a.id AND e.kind = 'event') AS answers, (SELECT COUNT(*) FROM bare_side e WHERE e.owner_id = a.id AND e.kind = 'returned') AS returned,
         s.kind FROM bare_appeals a LEFT JOIN bare_side s ON s.owner_id = a.id AND s.kind = 'step' WHERE a.id = ?`,
      [id],
    ); // what it counts for
    const [counter] = await connection.query("UPDATE bare_counter SET last_value = LAST_INSERT_ID(last_value + 1) WHERE org = 'cy'");
    await connection.query('UPDATE bare_appeals SET category = ? WHERE id = ?', [body.category, id]); // the serial
    await connection.execute('INSERT INTO bare_side VALUES (?, ?, ?, ?, ?)', [randomUUID(), 'notice', user, `诉求 ${counter.insertId} 已提交`, now]);
    await connection.query('INSERT INTO bare_counts (org, facet, dims, n) VALUES (?, ?, ?, 1), (?, ?, ?, 1), (?, ?, ?, 1) ON DUPLICATE KEY UPDATE n = n + VALUES(n)', [
      body.org,
      'rates',
      `["${body.category}","submitted"]`,
      body.org,
      'org_rates',
      '["submitted"]',
      body.org,
      'tally',
      '["submitted"]',
    ]); // the month's counts
    await connection.query('COMMIT');
  } catch (error) {
    await connection.query('ROLLBACK');
    throw error;
  } finally {
    connection.release();
  }
  reply.code(201);
  return { id };
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
console.log('ready');
