// The office's Excel export of a large month, on MariaDB and on SQLite: BENCH_EXPORT_APPEALS appeals
// (default 100,000) in one month of the demo mine 赤峪, each with its accepted and dispatched events,
// put straight into the database; then the export as the office starts it in the app (POST the job,
// look at it until done). Measured: the server's RSS growth over its level before the export (sampled
// every 50 ms from /proc), the export's time, the file read back with exceljs's streaming reader and
// its rows counted, and meanwhile submissions from four workers in a loop (acknowledged, failed, p99)
// and /api/health asked every 20 ms from a thread of its own (p99, max), beside the same two measured without an export;
// then the month exported again with the four workers paced (PACED_EVERY_MS; whilePaced, metPaced), and a third
// time alone (exportAlone: the RSS growth that is the export's own, what the goal's ≤ 200 MiB is held to; beside the
// back-to-back workers it is reported too, metBesideSubmitters).
// The generator is a minimal one of its own (multi-row inserts); the scale benchmark's bench/generate.mjs
// is meant to replace it. BENCH_EXPORT_ENGINES=sqlite (or mariadb) runs one engine; BENCH_EXPORT_NODE_ARGS
// gives the server node flags: `--max-old-space-size=192` bounds how much garbage V8 lets pile up before a
// full collection (without it the heap after each full collection stays near 85 MB through the export,
// but V8 lets it reach ~4× that before collecting); `--trace-gc` with BENCH_EXPORT_GC_TRACE=1 prints them;
// BENCH_EXPORT_TRACE=1 prints the rows written and the RSS as the export goes; BENCH_EXPORT_SERVER_LOG=file
// writes the server's output (its --trace-gc lines among it) to file.<engine>.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { healthProbe, login, ms, record, scratchDatabase, startServer } from './lib.mjs';

const APPEALS = Number(process.env.BENCH_EXPORT_APPEALS ?? 100_000);
const ENGINES = (process.env.BENCH_EXPORT_ENGINES ?? 'mariadb,sqlite').split(',');
const MONTH = '2025-06';
const SUBMITTERS = 4;
/**
 * The second export's submitters: each one a submission every this many ms (4 × 4 a second: some 400 times a
 * 100,000-appeal month's average rate). The first export's submit back to back, as fast as they are answered:
 * on SQLite those alone keep the server's one thread some 70% busy (each submission's statements run on it),
 * and /api/health waits on them with or without an export; paced, what is left is what the export costs.
 */
const PACED_EVERY_MS = Number(process.env.BENCH_EXPORT_PACED_MS ?? 250);
const STATUSES = ['closed', 'closed', 'replied', 'in_progress', 'dispatched', 'accepted', 'submitted', 'rejected'];

/** SQLite's and MariaDB's DATETIME(3) both take this text. */
const dt = (d) => d.toISOString().replace('T', ' ').replace('Z', '');
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? ms(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]) : null;
};
const rssMiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

/** The month's rows: appeals of 200 named workers over the 30 days, each accepted and most dispatched. */
function* batches(org, size) {
  for (let start = 0; start < APPEALS; start += size) {
    const appeals = [];
    const events = [];
    for (let i = start; i < Math.min(APPEALS, start + size); i++) {
      const created = new Date(Date.UTC(2025, 5, 1 + (i % 30), 0, 0, 0) + (i % 86_400) * 1000);
      const status = STATUSES[i % STATUSES.length];
      const replied = status === 'closed' || status === 'replied';
      const dispatched = !['submitted', 'accepted', 'rejected'].includes(status);
      const id = randomUUID();
      appeals.push([
        id,
        org.id,
        `CY202506-B${i}`,
        MONTH,
        org.categories[i % org.categories.length],
        org.places[i % org.places.length],
        org.submitters[i % org.submitters.length],
        i % 10 === 0 ? 'confidential' : 'named',
        `第 ${i} 件:宿舍楼热水供应不稳定,晚上十点以后经常没有热水,下夜班的职工洗不上澡`,
        1,
        status,
        0,
        replied ? 'resolved' : null,
        status === 'closed' ? 'satisfied' : null,
        0,
        randomUUID(),
        'x'.repeat(64),
        dispatched ? org.departments[i % org.departments.length] : null,
        replied ? dt(new Date(created.getTime() + 36 * 3600_000)) : null,
        replied ? 1 : 0,
        dt(created),
        dt(created),
      ]);
      if (status !== 'submitted') events.push([randomUUID(), id, org.id, 'accepted', dt(new Date(created.getTime() + 3600_000))]);
      if (dispatched) events.push([randomUUID(), id, org.id, 'dispatched', dt(new Date(created.getTime() + 7200_000))]);
    }
    yield { appeals, events };
  }
}

const APPEAL_COLUMNS =
  'id, org_id, serial, month, category_id, place_id, submitter_id, identity, content, publish_consent, status, urgent, outcome, rating, under_review, idempotency_key, request_hash, department_id, replied_at, call_logged, created_at, updated_at, phone_enc, assignee_id, due_at, planned_at, supervised, reopen_count, merged_into_id, extension_until, extension_reason, version';
const APPEAL_ROW = `(${Array(22).fill('?').join(',')},NULL,NULL,NULL,NULL,0,0,NULL,NULL,NULL,1)`;
const EVENT_COLUMNS = 'id, appeal_id, org_id, type, created_at, actor_id, actor_role, text, visible_to_worker, data';
const EVENT_ROW = "(?,?,?,?,?,NULL,'coordinator',NULL,1,NULL)";

/** The demo mine's ids, and 200 named workers to have submitted the month. */
async function mine(query) {
  const [org] = await query("SELECT id FROM organizations WHERE code = 'cy'");
  const ids = async (sql) => (await query(sql, [org.id])).map((r) => r.id);
  const submitters = [];
  for (let i = 0; i < 200; i++) submitters.push([randomUUID(), `bench_export_worker_${i}`, `职工${i}`, '综采一队', dt(new Date()), dt(new Date())]);
  await query(`INSERT INTO users (id, openid, name, unit, created_at, updated_at) VALUES ${submitters.map(() => '(?,?,?,?,?,?)').join(',')}`, submitters.flat());
  return {
    id: org.id,
    categories: await ids('SELECT id FROM categories WHERE org_id = ?'),
    places: await ids('SELECT id FROM places WHERE org_id = ?'),
    departments: await ids('SELECT id FROM departments WHERE org_id = ?'),
    submitters: submitters.map((s) => s[0]),
  };
}

async function generate(engine, scratch, sqliteFile) {
  const started = performance.now();
  if (engine === 'sqlite') {
    const db = new Database(sqliteFile);
    db.pragma('busy_timeout = 5000');
    const query = async (sql, params = []) => (/^\s*select/i.test(sql) ? db.prepare(sql).all(...params) : db.prepare(sql).run(...params));
    const org = await mine(query);
    const insert = db.transaction((appeals, events) => {
      db.prepare(`INSERT INTO appeals (${APPEAL_COLUMNS}) VALUES ${appeals.map(() => APPEAL_ROW).join(',')}`).run(...appeals.flat());
      if (events.length) db.prepare(`INSERT INTO appeal_events (${EVENT_COLUMNS}) VALUES ${events.map(() => EVENT_ROW).join(',')}`).run(...events.flat());
    });
    for (const { appeals, events } of batches(org, 500)) insert(appeals, events);
    db.close();
  } else {
    const pool = scratch.connect();
    const query = async (sql, params = []) => (await pool.query(sql, params))[0];
    const org = await mine(query);
    for (const { appeals, events } of batches(org, 2000)) {
      await pool.query(`INSERT INTO appeals (${APPEAL_COLUMNS}) VALUES ${appeals.map(() => APPEAL_ROW).join(',')}`, appeals.flat());
      await pool.query(`INSERT INTO appeal_events (${EVENT_COLUMNS}) VALUES ${events.map(() => EVENT_ROW).join(',')}`, events.flat());
    }
    await pool.end();
  }
  return ms((performance.now() - started) / 1000);
}

/** Submissions from four workers (back to back, or each one every `everyMs`) and /api/health every 20 ms, until `stop()`; what each saw. */
function load(baseUrl, tokens, everyMs = 0) {
  let running = true;
  const submissions = { acknowledged: 0, failed: 0, latencies: [] };
  const submitter = async (token) => {
    while (running) {
      const started = performance.now();
      const response = await fetch(`${baseUrl}/api/appeals`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify({ org: 'cy', category: 'living', place: 'bath', content: '宿舍热水供应不稳定,晚上十点以后经常没有热水', identity: 'named', publishConsent: true }),
      }).catch(() => null);
      if (response?.status === 201) submissions.acknowledged++;
      else submissions.failed++;
      await response?.arrayBuffer();
      submissions.latencies.push(performance.now() - started);
      if (everyMs) await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + everyMs - performance.now())));
    }
  };
  const prober = healthProbe(baseUrl);
  const all = Promise.all(tokens.map(submitter));
  return {
    /** Stops; the figures of all it saw, and of the health checks made after `since` (performance.now()). */
    async stop(since = 0) {
      running = false;
      const [health] = await Promise.all([prober.stop(), all]);
      const healthOf = (from) => {
        const seen = health.filter(([at]) => at >= performance.timeOrigin + from).map(([, latency]) => latency);
        return { healthChecks: seen.length, healthP99Ms: percentile(seen, 99), healthMaxMs: percentile(seen, 100) };
      };
      return {
        submissionsAcknowledged: submissions.acknowledged,
        submissionsFailed: submissions.failed,
        submissionP99Ms: percentile(submissions.latencies, 99),
        ...healthOf(0),
        whileWritingRows: healthOf(since),
      };
    },
  };
}

/** The file, downloaded to disk and read back with exceljs's streaming reader: the rows of each sheet. */
async function readBack(url) {
  const file = path.join(os.tmpdir(), `mq-bench-export-${randomUUID()}.xlsx`);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`download: ${response.status}`);
  await pipeline(Readable.fromWeb(response.body), fs.createWriteStream(file));
  const bytes = fs.statSync(file).size;
  const rows = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore' });
  for await (const sheet of reader) {
    let n = 0;
    for await (const row of sheet) if (row.hasValues) n++;
    rows.push(n);
  }
  fs.rmSync(file, { force: true });
  return { fileMiB: ms(bytes / 2 ** 20), rowsPerSheet: rows };
}

async function bench(engine) {
  const scratch = engine === 'mariadb' ? await scratchDatabase('mq_export') : null;
  const sqliteDir = engine === 'sqlite' ? fs.mkdtempSync(path.join(os.tmpdir(), 'mq-bench-export-')) : null;
  const sqliteFile = sqliteDir && path.join(sqliteDir, 'app.db');
  const start = () =>
    startServer(
      {
        DATABASE_URL: scratch ? scratch.url : `sqlite:${sqliteFile}`,
        DEMO_SEED: 'true',
        APPEAL_LIMIT_PER_10_MINUTES: '1000000',
        APPEAL_LIMIT_PER_DAY: '1000000',
      },
      (process.env.BENCH_EXPORT_NODE_ARGS ?? '').split(' ').filter(Boolean),
    );
  let server = await start();
  try {
    const generateSeconds = await generate(engine, scratch, sqliteFile);
    const office = await login(server.baseUrl, 'cy_office');
    const tokens = [];
    for (let i = 0; i < SUBMITTERS; i++) tokens.push(await login(server.baseUrl, `bench_export_submitter_${i}`));
    // Warm: the same load for a few seconds, and a small export (the code paths, the pools).
    const idle = load(server.baseUrl, tokens);
    await fetch(`${server.baseUrl}/api/reports/2025-05/exports`, { method: 'POST', headers: { authorization: `Bearer ${office}` } });
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const withoutExport = await idle.stop();

    const headers = { authorization: `Bearer ${office}` };
    /** The month's export as the office starts it, with submissions (from `submitters`; `everyMs`: paced) and health probes beside it. */
    const exportBeside = async (everyMs, submitters = tokens) => {
      const rssBefore = rssMiB(server.pid);
      let rssPeak = rssBefore;
      const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMiB(server.pid))), 50);
      const during = load(server.baseUrl, submitters, everyMs);
      const started = performance.now();
      let job = await (await fetch(`${server.baseUrl}/api/reports/${MONTH}/exports`, { method: 'POST', headers })).json();
      // When the first rows were written: before it the month's figures for the summary sheet (report-figures.ts), after it the rows.
      let rowsFrom = null;
      while (job.state === 'running') {
        await new Promise((resolve) => setTimeout(resolve, 250));
        job = await (await fetch(`${server.baseUrl}/api/reports/exports/${job.id}`, { headers })).json();
        if (rowsFrom === null && job.rowsDone > 0) rowsFrom = { at: performance.now(), rssMiB: rssMiB(server.pid) };
        if (process.env.BENCH_EXPORT_TRACE) console.log(`${ms((performance.now() - started) / 1000)} s: ${job.rowsDone} rows, RSS ${ms(rssMiB(server.pid))} MiB`);
      }
      const exportSeconds = ms((performance.now() - started) / 1000);
      const figuresSeconds = ms(((rowsFrom?.at ?? performance.now()) - started) / 1000);
      const whileExporting = await during.stop(rowsFrom?.at ?? 0);
      clearInterval(sampler);
      if (job.state !== 'done') throw new Error(`export ${job.state}: ${JSON.stringify(job.error)}`);
      return { job, rssBefore, rssPeak, rowsFrom, exportSeconds, figuresSeconds, whileExporting };
    };
    const { job, rssBefore, rssPeak, rowsFrom, exportSeconds, figuresSeconds, whileExporting } = await exportBeside(0);
    const paced = await exportBeside(PACED_EVERY_MS);
    const growth = (run) => ms(run.rssPeak - run.rssBefore);
    // (After the first export the heap V8 took stays taken: this growth starts from there.)
    const whilePaced = { submitEveryMs: PACED_EVERY_MS, exportSeconds: paced.exportSeconds, rssGrowthMiB: growth(paced), ...paced.whileExporting };
    const file = await readBack(`${server.baseUrl}${job.downloadUrl}`);
    // The export alone, on a server started anew and warmed by the small export (health still probed): the
    // growth that is the export's own. Beside four workers submitting back to back, the heap grows with their
    // garbage too (on SQLite some 2,800 submissions in the export's ten seconds), and V8 lets it pile up
    // before a full collection.
    await server.stop();
    server = await start();
    headers.authorization = `Bearer ${await login(server.baseUrl, 'cy_office')}`;
    await fetch(`${server.baseUrl}/api/reports/2025-05/exports`, { method: 'POST', headers });
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const alone = await exportBeside(0, []);
    const exportAlone = {
      exportSeconds: alone.exportSeconds,
      rssBeforeMiB: ms(alone.rssBefore),
      rssPeakMiB: ms(alone.rssPeak),
      rssGrowthMiB: growth(alone),
      healthP99Ms: alone.whileExporting.healthP99Ms,
    };
    if (process.env.BENCH_EXPORT_SERVER_LOG) fs.writeFileSync(`${process.env.BENCH_EXPORT_SERVER_LOG}.${engine}`, server.log());
    if (process.env.BENCH_EXPORT_GC_TRACE)
      console.log(
        server
          .log()
          .split('\n')
          .filter((l) => l.includes('Mark-Compact'))
          .slice(-40)
          .join('\n'),
      );
    const detailRows = file.rowsPerSheet[3];
    return {
      appeals: APPEALS,
      generateSeconds,
      exportSeconds,
      rowsDone: job.rowsDone,
      rssBeforeMiB: ms(rssBefore),
      rssPeakMiB: ms(rssPeak),
      rssGrowthMiB: ms(rssPeak - rssBefore),
      figuresSeconds,
      rssAtFirstRowsMiB: rowsFrom && ms(rowsFrom.rssMiB),
      ...file,
      fileRowsOk: detailRows === APPEALS + 1,
      whileExporting,
      withoutExport,
      whilePaced,
      exportAlone,
      // The goal's RSS is the export's own (alone); its health and submissions, beside the back-to-back workers.
      met: exportAlone.rssGrowthMiB <= 200 && detailRows === APPEALS + 1 && whileExporting.healthP99Ms <= 50 && whileExporting.submissionsAcknowledged > 0,
      metPaced:
        whilePaced.rssGrowthMiB <= 200 && detailRows === APPEALS + 1 && whilePaced.healthP99Ms <= 50 && whilePaced.submissionsAcknowledged > 0 && !whilePaced.submissionsFailed,
      metBesideSubmitters: rssPeak - rssBefore <= 200,
    };
  } finally {
    await server.stop();
    await scratch?.drop();
    if (sqliteDir) fs.rmSync(sqliteDir, { recursive: true, force: true });
  }
}

const figures = {};
for (const engine of ENGINES) figures[engine] = await bench(engine);
figures.goal = `the ${APPEALS}-appeal month's export: RSS growth ≤ 200 MiB (the export alone), the file read back with every row, /api/health p99 ≤ 50 ms and submissions acknowledged while it runs beside four workers submitting back to back`;
figures.met = ENGINES.every((engine) => figures[engine].met);
record('export', figures);
