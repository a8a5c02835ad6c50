// The monthly figures and the public page over a large history: BENCH_REPORT_APPEALS appeals
// (default 1,000,000) in 50 organisations over 12 months, generated straight into MariaDB
// (bench/generate.mjs). The product's figures for one organisation's month (GET /api/reports/live/:month: the rates by
// organisation, department and category, the counts, the times) beside the raw SQL of the same
// aggregation run directly; then the published page /p/:org/resolved under load, warm.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { generate } from './generate.mjs';
import { login, ms, record, scratchDatabase, startServer } from './lib.mjs';

const TOTAL = Number(process.env.BENCH_REPORT_APPEALS ?? 1_000_000);
const ORGS = 50;
const MONTHS = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);

const db = await scratchDatabase('mq_report');
// Generated first (bench/generate.mjs: migrated, multi-row inserts, indexes built at the end), then served.
const generatedAt = performance.now();
const generated = await generate({ databaseUrl: db.url, orgs: ORGS, months: MONTHS.length, perMonth: Math.ceil(TOTAL / ORGS / MONTHS.length), startMonth: MONTHS[0], seed: 3 });
const generateSeconds = ms((performance.now() - generatedAt) / 1000);
const orgs = generated.orgs;
const now = new Date();
const server = await startServer({ DATABASE_URL: db.url, DEMO_SEED: 'false' });
const pool = db.connect();
try {
  // The office of the first organisation, to ask the product.
  const token = await login(server.baseUrl, 'bench_office');
  const [[office]] = await pool.query('SELECT id FROM users WHERE openid = ?', ['bench_office']);
  await pool.query("INSERT INTO staff_roles (id, user_id, org_id, role, department_id, is_head, is_secretary, created_at) VALUES (?, ?, ?, 'coordinator', NULL, 0, 0, ?)", [
    randomUUID(),
    office.id,
    orgs[0].id,
    now,
  ]);
  const month = '2025-06';
  const time = async (work) => {
    const runs = [];
    for (let i = 0; i < 7; i++) {
      const started = performance.now();
      await work();
      runs.push(performance.now() - started);
    }
    return ms(runs.sort((a, b) => a - b)[3]);
  };
  const productMs = await time(async () => {
    const response = await fetch(`${server.baseUrl}/api/reports/live/${month}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`live: ${response.status} ${await response.text()}`);
    await response.json();
  });
  // The same aggregation by hand: the three groupings' conditional sums over the month's appeals.
  const raw = (group) => `SELECT ${group} AS k, COUNT(*) AS total, SUM(CASE WHEN status NOT IN ('rejected','merged') THEN 1 ELSE 0 END) AS valid,
    SUM(CASE WHEN status IN ('replied','closed') AND outcome IS NOT NULL THEN 1 ELSE 0 END) AS replied,
    SUM(CASE WHEN outcome = 'resolved' THEN 1 ELSE 0 END) AS resolved, SUM(CASE WHEN rating IN ('satisfied','basic') THEN 1 ELSE 0 END) AS satisfied,
    SUM(CASE WHEN rating IS NOT NULL THEN 1 ELSE 0 END) AS rated, SUM(call_logged) AS called, SUM(CASE WHEN reopen_count > 0 THEN 1 ELSE 0 END) AS reopened,
    (SELECT COUNT(*) FROM appeal_steps s WHERE s.org_id = ? AND s.step = 'answer') AS steps
    FROM appeals WHERE org_id = ? AND month = ? GROUP BY ${group}`;
  const rawMs = await time(async () => {
    for (const group of ["'all'", 'department_id', 'category_id']) await pool.query(raw(group), [orgs[0].id, orgs[0].id, month]);
    await pool.query('SELECT id, created_at, replied_at, status, outcome, place_id FROM appeals WHERE org_id = ? AND month = ?', [orgs[0].id, month]);
  });

  // Publish the month, then the public page, warm, under load.
  const draft = await fetch(`${server.baseUrl}/api/reports/${month}/draft`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  if (!draft.ok) throw new Error(`draft: ${draft.status} ${await draft.text()}`);
  await fetch(`${server.baseUrl}/api/reports/${month}/publish`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
  const pageUrl = `${server.baseUrl}/p/${orgs[0].code}/resolved`;
  await autocannon({ url: pageUrl, connections: 5, duration: 2 });
  const page = await autocannon({ url: pageUrl, connections: 10, duration: Number(process.env.BENCH_SECONDS ?? 10) });

  record('report', {
    appeals: generated.appeals,
    organisations: ORGS,
    months: MONTHS.length,
    generateSeconds,
    monthFiguresProductMs: productMs,
    monthFiguresRawSqlMs: rawMs,
    ratio: ms(productMs / rawMs),
    publicPage: { requestsPerSecond: Math.round(page.requests.average), p50Ms: page.latency.p50, p99Ms: page.latency.p99, non2xx: page.non2xx },
    goals: 'figures within 1.5 × raw SQL; public page p99 ≤ 20 ms warm',
    met: productMs / rawMs <= 1.5 && page.latency.p99 <= 20,
  });
} finally {
  await pool.end();
  await server.stop();
  await db.drop();
}
