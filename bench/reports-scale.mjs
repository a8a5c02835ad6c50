// Reports at a mining group's scale, on MariaDB and on SQLite side by side (BENCH_ENGINES=mariadb,sqlite):
// - the generator's time for 100,000 appeals in one month of one mine, and for 1,000,000 over 50 mines
//   and 12 months (BENCH_SCALE_LARGE=0 leaves the second out; BENCH_SCALE_APPEALS changes the first);
// - at 10 connections, warm, for BENCH_SECONDS each (default 10): the leaders' live dashboard
//   (/api/reports/live/:month) and a month's report (/api/reports/:month: the version list, the figures and
//   the first pages of its items and 核减 entries, VIEW_SQL) of the 100,000-appeal month, the
//   group's 红黑榜 (/api/group/rankings/:month) over the 50 mines — each beside the same SQL run raw at 10
//   connections (mysql2 pool; on SQLite ten threads with a connection each), in turns (sideBySide: the
//   processes let settle, product, raw, twice), p99 against p99, the worse turn of each side: the kept
//   counts' rows, the overdue backlog, the 核减 list; and the aggregates over the month's appeals those
//   replaced, run once;
// - /api/health's latency, probed every 20 ms while the dashboards run (the event loop's stall, seen
//   from outside);
// - the office's staff list (GET /api/appeals) of the 100,000-appeal month, filtered by status and
//   category, newest first, its first page (with the inbox tabs' counts, as the app asks it) at 10
//   connections, beside the same statements raw (the product's own SQL, from its AppealListRepository).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import autocannon from 'autocannon';
import mysql from 'mysql2/promise';
import { generate } from './generate.mjs';
import { ROOT, databasePid, healthProbe, login, ms, record, scratchDatabase, settle, startServer } from './lib.mjs';

const ENGINES = (process.env.BENCH_ENGINES ?? 'mariadb,sqlite').split(',');
const APPEALS = Number(process.env.BENCH_SCALE_APPEALS ?? 100_000);
const LARGE = process.env.BENCH_SCALE_LARGE !== '0';
/** BENCH_SCALE_ONE_MONTH=0 leaves the 100,000-appeal month out (the 红黑榜 alone). */
const ONE_MONTH = process.env.BENCH_SCALE_ONE_MONTH !== '0';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const MONTH = '2026-06';
/** BENCH_CPU_PROF=dir: the servers run with --cpu-prof, one .cpuprofile each in dir (where the main thread's time goes). */
const SERVER_ARGS = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [];

const dist = (file) => import(pathToFileURL(path.join(ROOT, 'server/dist', file)).href);
const { COUNTS_SQL, BY_ORG_SQL } = await dist('reports/rates.repository.js');
const { figuresSql } = await dist('reports/report-figures.sql.js');
const { MONTH_ROWS_SQL, ORG_RATES_ROWS_SQL, dayStartOf, overdueSql } = await dist('reports/report-counts.repository.js');
const { LIVE_EXCLUSIONS } = await dist('reports/report-figures.js');
const { VIEW_SQL } = await dist('reports/reports.repository.js');
const { REPORT_PAGE } = await dist('reports/reports.service.js');
const { ThreadReader } = await dist('database/thread-reader.js');

/**
 * The statements the month's report view (/api/reports/:month) runs: the month's versions without their
 * figures, then the shown version's figures (the 核减 list no longer in them), its first page of items and
 * its first page of 核减 entries (one past the page, to know whether there is more).
 */
function monthReportStatements(orgId, reportId) {
  return [
    [
      'SELECT id, org_id, month, version, state, note, computed_at, published_at, published_by, created_at FROM monthly_reports WHERE org_id = ? AND month = ? ORDER BY version ASC',
      [orgId, MONTH],
    ],
    [VIEW_SQL.figures, [reportId]],
    [VIEW_SQL.itemsPage(REPORT_PAGE + 1), [reportId, -1]],
    [VIEW_SQL.exclusionsPage(REPORT_PAGE + 1), [reportId, -1]],
  ];
}

/** The drafted version of the bench's month (its id: what the view's statements read by). */
async function draftedVersion(engine, url, orgId) {
  const sql = 'SELECT id FROM monthly_reports WHERE org_id = ? AND month = ? ORDER BY version DESC LIMIT 1';
  if (engine === 'mariadb') {
    const u = new URL(url);
    const c = await mysql.createConnection({ host: u.hostname, port: Number(u.port || 3306), user: u.username, database: u.pathname.slice(1) });
    try {
      const [rows] = await c.query(sql, [orgId, MONTH]);
      return rows[0].id;
    } finally {
      await c.end();
    }
  }
  const Database = (await import(pathToFileURL(path.join(ROOT, 'node_modules/better-sqlite3/lib/index.js')).href)).default;
  const db = new Database(url.replace(/^sqlite:/, ''), { readonly: true });
  try {
    return db.prepare(sql).get(orgId, MONTH).id;
  } finally {
    db.close();
  }
}

/** TypeORM's named parameters as plain `?`s, in order (what the product's driver sends). */
function positional(sql, parameters) {
  const values = [];
  const text = sql.replace(/:(\.\.\.)?([A-Za-z]+)/g, (_, spread, name) => {
    const value = parameters[name];
    if (spread) {
      values.push(...value);
      return value.map(() => '?').join(', ');
    }
    values.push(value);
    return '?';
  });
  return [text, values];
}

/** The statements the dashboard's figures run: the month's kept counts, the overdue backlog, the 核减 list. */
function dashboardStatements(engine, orgId, asOf) {
  const kind = engine === 'sqlite' ? 'sqlite' : 'mysql';
  const at = { orgId, month: MONTH };
  const dayStart = STAMP(dayStartOf(new Date(`${asOf.replace(' ', 'T')}Z`)));
  return [
    positional(MONTH_ROWS_SQL, { orgIds: [orgId], month: MONTH }),
    positional(overdueSql(kind), { ...at, orgIds: [orgId], asOf, dayStart }),
    positional(figuresSql(kind).latestExclusions(LIVE_EXCLUSIONS), at),
  ];
}

/** What the dashboard ran before the counts were kept: the same figures from the month's appeals (the p90s at their median position). */
function aggregateStatements(engine, orgId, asOf, n) {
  const sql = figuresSql(engine === 'sqlite' ? 'sqlite' : 'mysql');
  const at = { orgId, month: MONTH };
  const k = Math.ceil(0.9 * n * 0.45);
  return [
    positional(COUNTS_SQL, { ...at, orgIds: [orgId], asOf }),
    positional(sql.tallies, at),
    positional(sql.answerTimes, at),
    positional(sql.exclusions, at),
    positional(sql.replyTimeAt(k), at),
    positional(sql.answerTimeAt(k), at),
  ];
}

const STAMP = (d) => d.toISOString().replace('T', ' ').replace('Z', '');

/** The staff list's filter: a status and a category, newest first, the first page (as the office's inbox filters it). */
const STAFF_LIST_STATUS = 'in_progress';
const STAFF_LIST_CATEGORY = 'living';

/**
 * The statements of the staff list's first page (the page and the inbox tabs' counts), as the product's
 * AppealListRepository writes them, with their values (SQLite's times as the driver stores them).
 */
async function staffListStatements(engine, url, orgId, categoryId, now) {
  const [{ DataSource }, { dataSourceOptions }, { ENTITIES }, { parseDatabaseUrl }, { AppealListRepository }, { INBOX_TABS }] = await Promise.all([
    import(pathToFileURL(createRequire(path.join(ROOT, 'server/package.json')).resolve('typeorm')).href),
    dist('database/data-source-options.js'),
    dist('entities.js'),
    dist('config/app-config.js'),
    dist('appeals/appeal-list.repository.js'),
    import(pathToFileURL(path.join(ROOT, 'shared/dist/index.js')).href),
  ]);
  const db = new DataSource(dataSourceOptions(parseDatabaseUrl(url, []), ENTITIES));
  await db.initialize();
  try {
    const lists = new AppealListRepository(db, new ThreadReader(db));
    const scope = { orgId };
    const page = lists.staffQuery(scope, { status: STAFF_LIST_STATUS, categoryId }, 'newest', 0, null, now, 21).getQueryAndParameters();
    const counts = INBOX_TABS.coordinator
      .filter((tab) => tab.code !== 'all')
      .map((tab) => lists.countQuery(scope, tab.code, { queue: tab.query.queue, status: tab.query.status }, now));
    const value = (v) => (engine === 'sqlite' ? (v instanceof Date ? STAMP(v) : typeof v === 'boolean' ? Number(v) : v) : v);
    return [
      [page[0], page[1].map(value)],
      [counts.map(([sql]) => sql).join(' UNION ALL '), counts.flatMap(([, values]) => values).map(value)],
    ];
  } finally {
    await db.destroy();
  }
}

/** Latencies of `work` run back to back on `connections` lanes for `seconds`: p50 and p99 in ms. */
async function lanes(connections, seconds, work) {
  const until = performance.now() + seconds * 1000;
  const latencies = [];
  await Promise.all(
    Array.from({ length: connections }, async (_, lane) => {
      while (performance.now() < until) {
        const started = performance.now();
        await work(lane);
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (p) => ms(latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]);
  return { runs: latencies.length, p50Ms: at(50), p99Ms: at(99) };
}

/** Raw SQL at 10 connections: a mysql2 pool, or ten threads with a better-sqlite3 connection each. */
async function rawSql(engine, url, statements, seconds) {
  if (engine === 'mariadb') {
    const u = new URL(url);
    const pool = mysql.createPool({ host: u.hostname, port: Number(u.port || 3306), user: u.username, database: u.pathname.slice(1), connectionLimit: 10, timezone: 'Z' });
    try {
      await lanes(10, 1, () => Promise.all(statements.map(([sql, values]) => pool.query(sql, values))));
      return await lanes(10, seconds, () => Promise.all(statements.map(([sql, values]) => pool.query(sql, values))));
    } finally {
      await pool.end();
    }
  }
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const db = new (require(workerData.driver))(workerData.file, { readonly: true });
    const statements = workerData.statements.map(([sql, values]) => [db.prepare(sql), values]);
    parentPort.on('message', () => { for (const [s, v] of statements) s.all(v); parentPort.postMessage(0); });`;
  const driver = path.join(ROOT, 'node_modules/better-sqlite3');
  const workers = Array.from({ length: 10 }, () => new Worker(source, { eval: true, workerData: { driver, file: url.replace(/^sqlite:/, ''), statements } }));
  const run = (lane) => new Promise((resolve) => (workers[lane].once('message', resolve), workers[lane].postMessage(0)));
  try {
    await lanes(10, 1, run);
    return await lanes(10, seconds, run);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The statements run once, one after another, on one connection: ms. */
async function rawOnce(engine, url, statements) {
  const started = performance.now();
  if (engine === 'mariadb') {
    const u = new URL(url);
    const c = await mysql.createConnection({ host: u.hostname, port: Number(u.port || 3306), user: u.username, database: u.pathname.slice(1), timezone: 'Z' });
    try {
      for (const [sql, values] of statements) await c.query(sql, values);
    } finally {
      await c.end();
    }
  } else {
    const Database = (await import(pathToFileURL(path.join(ROOT, 'node_modules/better-sqlite3/lib/index.js')).href)).default;
    const db = new Database(url.replace(/^sqlite:/, ''), { readonly: true });
    for (const [sql, values] of statements) db.prepare(sql).all(values);
    db.close();
  }
  return { ms: ms(performance.now() - started) };
}

async function load(url, token, seconds = SECONDS) {
  const options = { url, connections: 10, headers: { authorization: `Bearer ${token}` } };
  await autocannon({ ...options, duration: 2 });
  const result = await autocannon({ ...options, duration: seconds });
  return { requestsPerSecond: ms(result.requests.average), p50Ms: result.latency.p50, p99Ms: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

/** p50 / p99 / max of /api/health's latencies. */
function healthFigures(latencies) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    probes: sorted.length,
    p50Ms: ms(sorted[Math.floor(sorted.length / 2)]),
    p99Ms: ms(sorted[Math.ceil(0.99 * sorted.length) - 1]),
    maxMs: ms(sorted.at(-1)),
  };
}

/** Probes /api/health every 20 ms, from a thread of its own (lib.mjs healthProbe), while `during` runs: its result and each probe's latency. */
async function healthWhile(baseUrl, during) {
  const prober = healthProbe(baseUrl);
  const result = await during();
  const latencies = (await prober.stop()).map(([, latency]) => latency);
  return { result, latencies };
}

/**
 * The product's route at 10 connections (with /api/health probed beside it) and its statements raw, in
 * turns: twice over, the processes let settle (lib.mjs settle), then the product for half of SECONDS, then
 * the raw SQL for the other half. Measured one after the other once, whichever came first paid for what the
 * step before had left behind, and the machine's drift fell on one side only. Each side's p50 and p99 is the
 * worse of its two turns; the health's are over both product turns' probes.
 */
async function sideBySide(pids, productUrl, token, baseUrl, raw) {
  const turns = [];
  const healthLatencies = [];
  for (let turn = 0; turn < 2; turn++) {
    const settledMs = await settle(pids);
    const { result: product, latencies } = await healthWhile(baseUrl, () => load(productUrl, token, SECONDS / 2));
    healthLatencies.push(...latencies);
    turns.push({ settledMs, product, raw: await raw(SECONDS / 2) });
  }
  const worse = (side, key) => Math.max(...turns.map((t) => t[side][key]));
  const product = {
    requestsPerSecond: ms(turns.reduce((sum, t) => sum + t.product.requestsPerSecond, 0) / turns.length),
    p50Ms: worse('product', 'p50Ms'),
    p99Ms: worse('product', 'p99Ms'),
    non2xx: turns.reduce((sum, t) => sum + t.product.non2xx, 0),
    errors: turns.reduce((sum, t) => sum + t.product.errors, 0),
  };
  const rawSqlFigures = { runs: turns.reduce((sum, t) => sum + t.raw.runs, 0), p50Ms: worse('raw', 'p50Ms'), p99Ms: worse('raw', 'p99Ms') };
  return { product, rawSql: rawSqlFigures, ratio: ms(product.p99Ms / rawSqlFigures.p99Ms), turns, health: healthFigures(healthLatencies) };
}

async function database(engine, prefix) {
  if (engine === 'mariadb') {
    const db = await scratchDatabase(prefix);
    const u = new URL(db.url);
    u.protocol = 'mariadb:';
    return { url: u.toString(), drop: db.drop, connect: db.connect };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  return { url: `sqlite:${path.join(dir, 'app.db')}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Gives the user of `openid` a staff role in the organisation, straight in the database. */
async function grant(engine, url, openid, orgId, role) {
  const sql = 'INSERT INTO staff_roles (id, user_id, org_id, role, department_id, is_head, is_secretary, created_at) SELECT ?, id, ?, ?, NULL, 0, 0, ? FROM users WHERE openid = ?';
  const values = [randomUUID(), orgId, role, STAMP(new Date()), openid];
  if (engine === 'mariadb') {
    const u = new URL(url);
    const c = await mysql.createConnection({ host: u.hostname, port: Number(u.port || 3306), user: u.username, database: u.pathname.slice(1) });
    await c.query(sql, values);
    await c.end();
  } else {
    const Database = (await import(pathToFileURL(path.join(ROOT, 'node_modules/better-sqlite3/lib/index.js')).href)).default;
    const db = new Database(url.replace(/^sqlite:/, ''));
    db.prepare(sql).run(values);
    db.close();
  }
}

const figures = {
  machine: `${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} at the start`,
  goals: 'generator ≤ 180 s; each report p99 ≤ 300 ms at 10 connections and ≤ 2 × raw SQL p99; health p99 ≤ 50 ms',
};
for (const engine of ENGINES) {
  const out = (figures[engine] = {});
  const progress = (what) => console.log(`${new Date().toISOString()} ${engine}: ${what}`);
  const generateInto = async (databaseUrl, shape, keep) => {
    const generated = await generate({ databaseUrl, ...shape });
    progress(`generated ${generated.appeals} appeals in ${ms(generated.seconds)} s`);
    keep({ appeals: generated.appeals, steps: generated.steps, events: generated.events, seconds: ms(generated.seconds) });
    return generated;
  };
  // One mine's month of 100,000 appeals.
  const big = ONE_MONTH ? await database(engine, 'mq_scale') : null;
  if (big)
    try {
      const generated = await generateInto(big.url, { orgs: 1, months: 1, perMonth: APPEALS, startMonth: MONTH, seed: 7 }, (figures) => (out.generateOneMonth = figures));
      const server = await startServer({ DATABASE_URL: big.url, DEMO_SEED: 'false' }, SERVER_ARGS);
      try {
        const office = `bench_office_${engine}`;
        const token = await login(server.baseUrl, office);
        await grant(engine, big.url, office, generated.orgs[0].id, 'coordinator');
        const asOf = new Date();
        const statements = dashboardStatements(engine, generated.orgs[0].id, STAMP(asOf));
        const pids = [server.pid, engine === 'mariadb' ? databasePid() : null];
        const { health, ...live } = await sideBySide(pids, `${server.baseUrl}/api/reports/live/${MONTH}`, token, server.baseUrl, (seconds) =>
          rawSql(engine, big.url, statements, seconds),
        );
        out.liveDashboard = live;
        // The aggregates over the month's appeals the counts replaced, once on one connection (not at 10: seconds each).
        out.liveDashboard.aggregatesOnce = await rawOnce(engine, big.url, aggregateStatements(engine, generated.orgs[0].id, STAMP(asOf), APPEALS));
        // Each of the dashboard's statements alone, once: where its time goes.
        out.liveDashboard.eachOnce = {};
        for (const [name, statement] of [
          ['countsRows', statements[0]],
          ['dueToday', statements[1]],
          ['latestExclusions', statements[2]],
        ])
          out.liveDashboard.eachOnce[name] = (await rawOnce(engine, big.url, [statement])).ms;
        out.liveDashboard.eachOnce.allExclusions = (
          await rawOnce(engine, big.url, [positional(figuresSql(engine === 'sqlite' ? 'sqlite' : 'mysql').exclusions, { orgId: generated.orgs[0].id, month: MONTH })])
        ).ms;
        out.healthWhileDashboards = health;
        progress(`live dashboard p99 ${live.product.p99Ms} ms, raw ${live.rawSql.p99Ms} ms; health p99 ${health.p99Ms} ms`);
        // The office's staff list of the month: filtered by status and category, newest first, the first page.
        {
          const category = generated.orgs[0].categories.find((c) => c.code === STAFF_LIST_CATEGORY);
          const listUrl = `${server.baseUrl}/api/appeals?status=${STAFF_LIST_STATUS}&category=${STAFF_LIST_CATEGORY}&sort=newest`;
          const listStatements = await staffListStatements(engine, big.url, generated.orgs[0].id, category.id, new Date());
          const { health: listHealth, ...list } = await sideBySide(pids, listUrl, token, server.baseUrl, (seconds) => rawSql(engine, big.url, listStatements, seconds));
          out.staffList = { filter: `status=${STAFF_LIST_STATUS}, category=${STAFF_LIST_CATEGORY}, newest, first page`, ...list };
          out.healthWhileStaffList = listHealth;
          progress(`staff list p99 ${list.product.p99Ms} ms, raw ${list.rawSql.p99Ms} ms`);
        }
        // A month's report: drafted once (its figures and candidates saved), then read.
        const drafted = performance.now();
        const draft = await fetch(`${server.baseUrl}/api/reports/${MONTH}/draft`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
        out.draftOnceMs = ms(performance.now() - drafted);
        if (draft.ok) {
          const orgId = generated.orgs[0].id;
          const view = await fetch(`${server.baseUrl}/api/reports/${MONTH}`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json());
          const bytes = Buffer.byteLength(JSON.stringify(view));
          const reportStatements = monthReportStatements(orgId, await draftedVersion(engine, big.url, orgId));
          const { health: reportHealth, ...report } = await sideBySide(pids, `${server.baseUrl}/api/reports/${MONTH}`, token, server.baseUrl, (seconds) =>
            rawSql(engine, big.url, reportStatements, seconds),
          );
          out.monthReport = { answerBytes: bytes, exclusionCount: view.figures.exclusionCount, ...report };
          out.healthWhileMonthReport = reportHealth;
          progress(`month report p99 ${report.product.p99Ms} ms, raw ${report.rawSql.p99Ms} ms, ${bytes} bytes`);
        } else {
          out.draftFailed = `${draft.status} ${await draft.text()}`;
          console.error(`draft failed on ${engine}:\n${server.log().slice(-4000)}`);
        }
      } finally {
        await server.stop();
      }
    } finally {
      await big.drop();
    }
  if (!LARGE) continue;
  // The group: 1,000,000 appeals over 50 mines and 12 months; the 红黑榜 of one month.
  const group = await database(engine, 'mq_scale_group');
  try {
    const generated = await generateInto(group.url, { orgs: 50, months: 12, perMonth: 1667, startMonth: '2025-07', seed: 8 }, (figures) => (out.generateGroup = figures));
    const server = await startServer({ DATABASE_URL: group.url, DEMO_SEED: 'false' }, SERVER_ARGS);
    try {
      const admin = `bench_group_${engine}`;
      const token = await login(server.baseUrl, admin);
      await grant(engine, group.url, admin, generated.group.id, 'group_admin');
      const orgIds = generated.orgs.map((o) => o.id);
      const at = STAMP(new Date());
      const statements = [
        positional(ORG_RATES_ROWS_SQL, { month: MONTH, orgIds }),
        positional(overdueSql(engine === 'sqlite' ? 'sqlite' : 'mysql'), { month: MONTH, orgIds, asOf: at, dayStart: STAMP(dayStartOf(new Date())) }),
      ];
      const pids = [server.pid, engine === 'mariadb' ? databasePid() : null];
      const { health, ...rankings } = await sideBySide(pids, `${server.baseUrl}/api/group/rankings/${MONTH}`, token, server.baseUrl, (seconds) =>
        rawSql(engine, group.url, statements, seconds),
      );
      out.groupRankings = { mines: orgIds.length, appealsInMonth: orgIds.length * 1667, ...rankings };
      out.groupRankings.aggregateOnce = await rawOnce(engine, group.url, [positional(BY_ORG_SQL, { month: MONTH, orgIds, asOf: at })]);
      out.healthWhileRankings = health;
      progress(`红黑榜 p99 ${rankings.product.p99Ms} ms, raw ${rankings.rawSql.p99Ms} ms; health p99 ${health.p99Ms} ms`);
    } finally {
      await server.stop();
    }
  } finally {
    await group.drop();
  }
}
figures.machineAtEnd = `load average ${os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(' / ')}`;
record('reports-scale', figures);
