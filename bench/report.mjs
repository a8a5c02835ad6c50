// The monthly figures and the public page over a large history: BENCH_REPORT_APPEALS appeals
// (default 1,000,000) in 50 organisations over 12 months, generated straight into MariaDB. The
// product's figures for one organisation's month (GET /api/reports/live/:month: the rates by
// organisation, department and category, the counts, the times) beside the raw SQL of the same
// aggregation run directly; then the published page /p/:org/resolved under load, warm.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { login, ms, record, scratchDatabase, startServer } from './lib.mjs';

const TOTAL = Number(process.env.BENCH_REPORT_APPEALS ?? 1_000_000);
const ORGS = 50;
const MONTHS = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);
const STATUSES = ['closed', 'closed', 'closed', 'replied', 'replied', 'in_progress', 'dispatched', 'accepted', 'submitted', 'rejected', 'merged'];
const OUTCOMES = ['resolved', 'resolved', 'scheduled', 'explained'];

const db = await scratchDatabase('mq_report');
const server = await startServer({ DATABASE_URL: db.url, DEMO_SEED: 'false' });
const pool = db.connect();
try {
  // 50 organisations with their categories and departments, and an office for the first.
  const orgs = [];
  const now = new Date();
  for (let o = 0; o < ORGS; o++) {
    const id = randomUUID();
    const code = `b${String(o).padStart(2, '0')}`;
    await pool.query('INSERT INTO organizations (id, code, name, slogan, time_zone, parent_id, settings, created_at) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?)', [
      id,
      code,
      `基准矿${o}`,
      '矿山是咱家,有事儿就说话',
      'Asia/Shanghai',
      now,
    ]);
    const departments = [0, 1, 2].map((d) => ({ id: randomUUID(), code: `d${d}` }));
    for (const d of departments)
      await pool.query('INSERT INTO departments (id, org_id, code, name, leader_id, robot_key) VALUES (?, ?, ?, ?, NULL, NULL)', [d.id, id, d.code, `部门${d.code}`]);
    const categories = ['living', 'welfare', 'rights', 'hardship', 'advice'].map((c, i) => ({ id: randomUUID(), code: c, position: i }));
    for (const c of categories)
      await pool.query('INSERT INTO categories (id, org_id, code, name, position, default_department_id, standing_rule, answer_hours) VALUES (?, ?, ?, ?, ?, NULL, 0, 72)', [
        c.id,
        id,
        c.code,
        c.code,
        c.position,
      ]);
    orgs.push({ id, code, departments, categories });
  }
  const generated = performance.now();
  const user = randomUUID();
  await pool.query('INSERT INTO users (id, openid, org_id, name, unit, phone_enc, created_at, updated_at) VALUES (?, ?, ?, NULL, NULL, NULL, ?, ?)', [
    user,
    `bench_submitter`,
    orgs[0].id,
    now,
    now,
  ]);
  const BATCH = 2000;
  for (let start = 0; start < TOTAL; start += BATCH) {
    const rows = [];
    const values = [];
    for (let i = start; i < Math.min(TOTAL, start + BATCH); i++) {
      const org = orgs[i % ORGS];
      const month = MONTHS[Math.floor(i / ORGS) % 12];
      const status = STATUSES[i % STATUSES.length];
      const replied = status === 'closed' || status === 'replied';
      const created = new Date(`${month}-${String(1 + (i % 27)).padStart(2, '0')}T02:00:00Z`);
      rows.push('(?,?,?,?,?,NULL,?,?,?,NULL,?,?,0,?,?,0,?,?,?,NULL,NULL,NULL,0,0,NULL,?,?,NULL,NULL,1,?,?)');
      values.push(
        randomUUID(),
        org.id,
        `${org.code.toUpperCase()}-${i}`,
        month,
        org.categories[i % 5].id,
        user,
        'named',
        `基准诉求第 ${i} 件`,
        i % 3 === 0,
        status,
        replied ? OUTCOMES[i % 4] : null,
        status === 'closed' ? (i % 7 === 0 ? 'unsatisfied' : 'satisfied') : null,
        randomUUID(),
        'x'.repeat(64),
        ['submitted', 'accepted', 'rejected', 'merged'].includes(status) ? null : org.departments[i % 3].id,
        replied ? new Date(created.getTime() + 36 * 3600_000) : null,
        replied && i % 2 === 0,
        created,
        created,
      );
    }
    await pool.query(
      `INSERT INTO appeals (id, org_id, serial, month, category_id, place_id, submitter_id, identity, content, phone_enc, publish_consent, status, urgent, outcome, rating, under_review,
        idempotency_key, request_hash, department_id, assignee_id, due_at, planned_at, supervised, reopen_count, merged_into_id, replied_at, call_logged,
        extension_until, extension_reason, version, created_at, updated_at) VALUES ${rows.join(',')}`,
      values,
    );
  }
  const generateSeconds = ms((performance.now() - generated) / 1000);

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
    appeals: TOTAL,
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
