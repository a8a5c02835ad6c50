// The data generator of the benchmarks: a mining group's appeals with their deadline steps and timeline
// events, written straight into a migrated database of the product, on MariaDB or SQLite.
//
//   generate({ databaseUrl, engine, orgs = 1, months = 1, perMonth = 100_000, startMonth = '2026-06', seed = 1, migrate = true })
//     databaseUrl  the product's DATABASE_URL (mariadb://… or mysql://…; sqlite:/path/app.db)
//     engine       'mysql' (MariaDB or MySQL) | 'sqlite'; taken from the URL when left out
//     orgs         how many mines, under one group (organisations with parent_id = the group)
//     months       how many consecutive months from startMonth ('YYYY-MM')
//     perMonth     appeals per mine and month
//     migrate      run the product's migrations first (needs server/dist: node scripts/build.mjs none)
//   → { seconds, appeals, steps, events, group: { id, code }, orgs: [{ id, code, name, departments, categories, places }], months }
//
// What it makes is what the product itself would have written through the loop (so the product's own
// queries and screens work on it): every status of the loop in realistic shares (a third closed, a tenth
// still waiting for triage, 核减 rejected and merged ones), six departments, the five categories (权益维护
// confidential by default), twenty places of which a few have fewer than three appeals (folded into 其他),
// 15% confidential and 5% anonymous, 40% consenting to publication, urgent ones, reopened ones, rated
// ones; each appeal's steps (triage → dispatch → acknowledge → answer, met on time or late, open ones
// overdue or not as of the generation) and its timeline (submitted, accepted, dispatched, acknowledged,
// responded, returned, replied, rated, rejected, merged); the month's serial counter, so a submission
// made afterwards gets the next number; the month's kept counts (report_counts) as the product's
// transitions would have left them. No reminders (step_actions) and no outbox: the schedulers are off in
// the benchmarks. Deterministic for a seed.
//
// Fast because: ids are time-ordered (as the product's uuidv7), so every table grows at its end; rows go
// in multi-row INSERTs; on SQLite through better-sqlite3's prepared statements of 200 rows, with no
// journal and synchronous = OFF while it runs, in transactions of some 20,000 rows, written by a worker
// thread (bench/generate-writer.mjs) while this one makes the rows; on MariaDB in chunks of 20,000
// rows, each one LOAD DATA LOCAL INFILE streamed from memory as tab-separated text (no file on disk;
// three times faster than multi-row INSERTs, the same rows), one transaction each, with unique_checks
// and foreign_key_checks off for the session (the data is unique and consistent by construction) and
// each table's chunks sent on a connection of its own; each row's line is written as it is made into
// its chunk's buffer, outside the JavaScript heap (rows held as arrays or text until sent cost most of
// this thread's time in garbage collection), and a time's text is made without a Date. At a million
// this thread's CPU is now a fifth of the inserts' wall clock time: they are bound by the server
// (LOAD DATA's parse, InnoDB's pages and their writes), on the same two cores.
// Into empty tables the secondary indexes are dropped first and built at the end, one sorted pass each
// (on SQLite in memory, on two sorter threads; on MariaDB the three tables' builds at once, one
// connection each), but on MariaDB for the steps' and events' indexes that begin with the appeal,
// which grow at their end as the rows go in and are cheaper kept. The kept counts are summed as each
// appeal is made, from the facts the generator knows, by the product's own arithmetic (contributionOf
// in server/src/database/report-counts.ts), and inserted with the rest once a mine's month is made, in
// the order of their key (on MariaDB on a connection of its own): the product's recount, reading every
// appeal back, took longer than the inserts at a million (server/test/generator-counts.e2e.ts checks
// the generator's rows against that recount on both engines). GENERATE_VERBOSE=1 prints each phase's
// time, wall clock and CPU (the inserts, the index builds).
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { ROOT } from './lib.mjs';

const require = createRequire(path.join(ROOT, 'server/package.json'));
const HOUR = 3600_000;

/** GENERATE_VERBOSE=1: a phase's time since `start()`, wall clock and this process's CPU (all its threads). */
const start = () => ({ at: performance.now(), cpu: process.cpuUsage() });
const phase = (name, since) => {
  if (!process.env.GENERATE_VERBOSE) return;
  const { user, system } = process.cpuUsage(since.cpu);
  console.log(`${name} in ${Math.round(performance.now() - since.at)} ms (${Math.round((user + system) / 1000)} ms CPU)`);
};

const DEPARTMENTS = [
  ['mining', '采煤队'],
  ['transport', '运输队'],
  ['mech', '机电科'],
  ['logistics', '后勤服务中心'],
  ['safety', '安全科'],
  ['hr', '人力资源部'],
];
const CATEGORIES = [
  ['living', '生活服务'],
  ['welfare', '福利待遇'],
  ['rights', '权益维护'],
  ['hardship', '困难救助'],
  ['advice', '意见建议'],
];
// Where appeals come from: a few places take most, the last three get one or two a month.
const PLACE_WEIGHTS = [20, 16, 12, 10, 8, 7, 6, 5, 4, 3, 2, 2, 1.5, 1, 1, 0.6, 0.4, 0, 0, 0];
// The loop's statuses and their shares (per thousand).
const STATUS_SHARES = [
  ['closed', 340],
  ['replied', 110],
  ['responded', 50],
  ['in_progress', 120],
  ['dispatched', 70],
  ['accepted', 50],
  ['submitted', 110],
  ['rejected', 100],
  ['merged', 50],
];
const DEPTH = { submitted: 0, accepted: 1, rejected: 1, merged: 1, dispatched: 2, in_progress: 3, responded: 4, replied: 5, closed: 6 };

/** mulberry32: a small deterministic generator, so a seed gives the same data on both engines. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Time-ordered ids in the product's uuid shape (48 bits of time, then a counter), unique within a run. */
function idMaker(start) {
  let n = 0;
  const base = start.toString(16).padStart(12, '0');
  // The counter's first six hex digits are zeros below 16^10 ids.
  const prefix = `${base.slice(0, 8)}-${base.slice(8, 12)}-7000-8000-`;
  return () => {
    if (n >= 0x10000000000) throw new Error('too many ids for one run');
    return `${prefix}${(n++).toString(16).padStart(10, '0')}00`;
  };
}

const pad = (n, w = 2) => String(n).padStart(w, '0');
const PAD2 = Array.from({ length: 100 }, (_, i) => pad(i));
const PAD3 = Array.from({ length: 1000 }, (_, i) => pad(i, 3));
const DAY = 24 * HOUR;
const days = new Map();
/** How TypeORM stores a Date on both engines: UTC, with milliseconds (a fraction dropped, as a Date drops it).
 * Many a row: the day's text is made once, the time of day from tables of padded numbers (no Date, no padding). */
const stamp = (at) => {
  const ms = Math.floor(at);
  const day = Math.floor(ms / DAY);
  let text = days.get(day);
  if (text === undefined) {
    const d = new Date(day * DAY);
    days.set(day, (text = `${d.getUTCFullYear()}-${PAD2[d.getUTCMonth() + 1]}-${PAD2[d.getUTCDate()]} `));
  }
  let r = ms - day * DAY;
  const h = Math.floor(r / HOUR);
  r -= h * HOUR;
  const m = Math.floor(r / 60_000);
  r -= m * 60_000;
  const s = Math.floor(r / 1000);
  return `${text}${PAD2[h]}:${PAD2[m]}:${PAD2[s]}.${PAD3[r - s * 1000]}`;
};
const monthAfter = (month, k) => {
  const [y, m] = month.split('-').map(Number);
  const t = y * 12 + (m - 1) + k;
  return `${Math.floor(t / 12)}-${pad((t % 12) + 1)}`;
};

const APPEAL_COLUMNS = [
  'id',
  'org_id',
  'serial',
  'month',
  'category_id',
  'place_id',
  'submitter_id',
  'identity',
  'content',
  'phone_enc',
  'publish_consent',
  'status',
  'urgent',
  'outcome',
  'rating',
  'under_review',
  'idempotency_key',
  'request_hash',
  'version',
  'created_at',
  'updated_at',
  'department_id',
  'assignee_id',
  'due_at',
  'planned_at',
  'supervised',
  'reopen_count',
  'merged_into_id',
  'replied_at',
  'call_logged',
  'extension_until',
  'extension_reason',
];
const STEP_COLUMNS = ['id', 'appeal_id', 'org_id', 'step', 'department_id', 'started_at', 'due_at', 'met_at', 'cancelled_at', 'urgent'];
const USER_COLUMNS = ['id', 'openid', 'org_id', 'name', 'unit', 'phone_enc', 'created_at', 'updated_at', 'token_version'];
const COUNT_COLUMNS = ['org_id', 'month', 'facet', 'dims', 'n', 'sum_ms', 'answers', 'returned'];
const EVENT_COLUMNS = ['id', 'appeal_id', 'org_id', 'type', 'actor_id', 'actor_role', 'text', 'visible_to_worker', 'data', 'created_at'];

/** Writes rows into one engine: `add(table, row)` buffers, `flush()` sends what is buffered. */
async function writerFor(databaseUrl, engine) {
  const CHUNK = { users: 20_000, appeals: 20_000, appeal_steps: 20_000, appeal_events: 20_000, report_counts: 20_000 };
  const columns = { users: USER_COLUMNS, appeals: APPEAL_COLUMNS, appeal_steps: STEP_COLUMNS, appeal_events: EVENT_COLUMNS, report_counts: COUNT_COLUMNS };
  const buffers = { users: [], appeals: [], appeal_steps: [], appeal_events: [], report_counts: [] };
  if (engine === 'sqlite') {
    // The inserts in a worker thread (bench/generate-writer.mjs), so that making the rows and writing
    // them overlap; at most QUEUED messages ahead of it (then this thread waits: memory stays flat).
    const QUEUED = 64;
    const ROWS = 200; // SQLite binds at most 32,766 parameters a statement; rows sent as soon as made die young
    const done = new Int32Array(new SharedArrayBuffer(8));
    const worker = new Worker(new URL('./generate-writer.mjs', import.meta.url), {
      workerData: { file: databaseUrl.replace(/^sqlite:/, ''), columns, root: ROOT, done: done.buffer },
    });
    const failed = new Promise((_, reject) => worker.once('error', reject));
    failed.catch(() => {});
    let sent = 0;
    const waitFor = async (queued) => {
      for (let d; sent - (d = Atomics.load(done, 0)) > queued;) {
        if (Atomics.load(done, 1)) await failed;
        Atomics.wait(done, 0, d, 100);
      }
      if (Atomics.load(done, 1)) await failed;
    };
    const post = (message) => {
      sent++;
      worker.postMessage(message);
    };
    const send = (table) => {
      post({ table, values: buffers[table] });
      buffers[table] = [];
    };
    return {
      exec: async (sql, params = []) => post({ sql, params }),
      ready: () => (sent - Atomics.load(done, 0) > QUEUED || Atomics.load(done, 1) ? waitFor(QUEUED) : null),
      add(table, row) {
        const buffer = buffers[table];
        for (const v of row) buffer.push(typeof v === 'boolean' ? (v ? 1 : 0) : v);
        if (buffer.length >= ROWS * columns[table].length) send(table);
      },
      async flush() {
        for (const table of Object.keys(buffers)) if (buffers[table].length) send(table);
        post({ commit: true });
        await waitFor(0);
      },
      async close() {
        const closed = new Promise((resolve) => worker.once('message', resolve));
        post({ close: true });
        const { indexes } = await Promise.race([closed, failed]);
        if (process.env.GENERATE_VERBOSE) console.log(`indexes built in ${Math.round(indexes.ms)} ms (${Math.round(indexes.cpu)} ms CPU)`);
        await worker.terminate();
      },
    };
  }
  // The tables by name: on MariaDB their rows go into each one's chunk as text (below), not into `buffers`.
  const tables = Object.keys(columns);
  const mysql = require('mysql2/promise');
  const u = new URL(databaseUrl);
  const options = {
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1),
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
  };
  // One connection per table, so the tables' inserts overlap; each chunk is its own transaction.
  const connections = {};
  for (const table of tables) {
    connections[table] = await mysql.createConnection(options);
    await connections[table].query('SET SESSION unique_checks = 0, foreign_key_checks = 0');
  }
  // Into empty tables, the secondary indexes are dropped and built again at the end (one sorted build
  // per index instead of a random insert per row into each: the difference once the tables outgrow the
  // buffer pool).
  const admin = connections.appeals;
  const [[{ n: existing }]] = await admin.query('SELECT COUNT(*) AS n FROM appeals');
  const rebuild = [];
  if (Number(existing) === 0) {
    const [stats] = await admin.query(
      `SELECT TABLE_NAME AS t, INDEX_NAME AS name, NON_UNIQUE AS nonUnique, COLUMN_NAME AS col, SUB_PART AS part FROM information_schema.STATISTICS
       WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN ('appeals', 'appeal_steps', 'appeal_events') AND INDEX_NAME <> 'PRIMARY' ORDER BY t, name, SEQ_IN_INDEX`,
    );
    const byIndex = new Map();
    for (const s of stats) {
      const key = `${s.t}.${s.name}`;
      if (!byIndex.has(key)) byIndex.set(key, { table: s.t, name: s.name, unique: Number(s.nonUnique) === 0, columns: [] });
      byIndex.get(key).columns.push(s.part ? `\`${s.col}\`(${s.part})` : `\`${s.col}\``);
    }
    for (const index of byIndex.values()) {
      // But for the steps' and events' indexes that begin with the appeal: the appeals' ids grow with
      // time and an appeal's rows are all made before the next one's, so these indexes grow at their end,
      // as the table does, and cost less kept while loading than built afterwards (on MariaDB 10.11, at
      // 166,700 appeals: 19.3 s instead of 24.6 s; with every index kept while loading, 27 s).
      if (index.columns[0] === '`appeal_id`') continue;
      await admin.query(`ALTER TABLE \`${index.table}\` DROP INDEX \`${index.name}\``);
      rebuild.push(index);
    }
  }
  const pending = {};
  const inFlight = {};
  for (const table of tables) {
    pending[table] = Promise.resolve();
    inFlight[table] = 0;
  }
  // A chunk goes in as one LOAD DATA LOCAL INFILE, its rows streamed from memory as tab-separated text
  // (the server parses that several times faster than the values of a multi-row INSERT). The server
  // reads each field as it would the same literal in an INSERT: \N is NULL, a boolean is 1 or 0.
  // A backslash (the escape) is doubled; a tab or a newline, never in the generator's values, would
  // shift the columns or split a row, which the check of the server's answer below turns into a failure
  // (cheaper than escaping them: a regular expression per value cost seconds at a million).
  // Each row's line is written as UTF-8 straight into the chunk's buffer, outside the JavaScript heap: the
  // rows of the chunks made and in flight held there as arrays or strings cost most of the generator's
  // time in garbage collection at a million.
  const chunks = {};
  const chunkOf = (bytes) => ({ buffer: Buffer.allocUnsafeSlow(bytes), bytes: 0, rows: 0, text: '' });
  // The lines go into the buffer some 16,000 characters at a time (a call per line cost more than the copy).
  const spill = (chunk) => {
    // At most three bytes of UTF-8 for each UTF-16 unit.
    if (chunk.buffer.length - chunk.bytes < chunk.text.length * 3) {
      const larger = Buffer.allocUnsafeSlow(Math.max(2 * chunk.buffer.length, chunk.bytes + chunk.text.length * 3));
      chunk.buffer.copy(larger, 0, 0, chunk.bytes);
      chunk.buffer = larger;
    }
    chunk.bytes += chunk.buffer.write(chunk.text, chunk.bytes);
    chunk.text = '';
  };
  for (const table of tables) chunks[table] = chunkOf(1 << 20);
  const send = (table) => {
    const chunk = chunks[table];
    spill(chunk);
    chunks[table] = chunkOf(chunk.buffer.length);
    const text = chunk.buffer.subarray(0, chunk.bytes);
    const sql = `LOAD DATA LOCAL INFILE '${table}' INTO TABLE ${table} CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (${columns[table].join(',')})`;
    inFlight[table]++;
    pending[table] = pending[table]
      .then(() => connections[table].query({ sql, infileStreamFactory: () => Readable.from([text]) }))
      .then(([result]) => {
        // LOCAL turns a bad value or a duplicate into a warning and carries on: here it is a failure.
        if (result.affectedRows !== chunk.rows || result.warningStatus)
          throw new Error(`LOAD DATA into ${table}: ${result.affectedRows} of ${chunk.rows} rows, ${result.warningStatus} warnings`);
        inFlight[table]--;
      });
  };
  return {
    exec: (sql, params = []) => connections.appeals.query(sql, params),
    add(table, row) {
      let line = '';
      for (let i = 0; i < row.length; i++) {
        const v = row[i];
        line += `${i ? '\t' : ''}${v === null ? '\\N' : v === true ? '1' : v === false ? '0' : typeof v === 'number' ? String(v) : v.includes('\\') ? v.replaceAll('\\', '\\\\') : v}`;
      }
      const chunk = chunks[table];
      chunk.text += `${line}\n`;
      if (chunk.text.length >= 16_384) spill(chunk);
      if (++chunk.rows >= CHUNK[table]) send(table);
    },
    /** A promise while some table has more than one chunk queued: the generator waits, memory stays flat. */
    ready: () => (Object.values(inFlight).some((n) => n > 1) ? Promise.all(Object.values(pending)) : null),
    async flush() {
      for (const table of tables) if (chunks[table].rows) send(table);
      await Promise.all(Object.values(pending));
    },
    async close() {
      const built = start();
      const buildOne = async (table) => {
        const one = start();
        const adds = rebuild.filter((i) => i.table === table).map((i) => `ADD ${i.unique ? 'UNIQUE ' : ''}INDEX \`${i.name}\` (${i.columns.join(', ')})`);
        if (adds.length) await connections[table].query(`ALTER TABLE \`${table}\` ${adds.join(', ')}`);
        await connections[table].query(`ANALYZE TABLE \`${table}\``);
        phase(`${table}: indexes built`, one);
      };
      // The three tables' builds at once, each on its table's connection: one waits on the disk while another sorts.
      await Promise.all(['appeals', 'appeal_steps', 'appeal_events'].map(buildOne));
      phase('indexes built (the server’s work)', built);
      await Promise.all(Object.values(connections).map((c) => c.end()));
    },
  };
}

const dist = (file) => import(pathToFileURL(path.join(ROOT, 'server/dist', file)).href);

/** The product's data source on the database, for `work` (its migrations, its kept counts). */
async function withProduct(databaseUrl, work) {
  const [{ DataSource }, { dataSourceOptions }, { ENTITIES }, { parseDatabaseUrl }] = await Promise.all([
    import(pathToFileURL(require.resolve('typeorm')).href),
    dist('database/data-source-options.js'),
    dist('entities.js'),
    dist('config/app-config.js'),
  ]);
  const db = new DataSource(dataSourceOptions(parseDatabaseUrl(databaseUrl, []), ENTITIES));
  await db.initialize();
  try {
    await work(db);
  } finally {
    await db.destroy();
  }
}

const migrateDatabase = (databaseUrl) => withProduct(databaseUrl, (db) => db.runMigrations({ transaction: 'each' }));

export async function generate({ databaseUrl, engine, orgs: orgCount = 1, months: monthCount = 1, perMonth = 100_000, startMonth = '2026-06', seed = 1, migrate = true }) {
  engine ??= databaseUrl.startsWith('sqlite:') ? 'sqlite' : 'mysql';
  if (migrate) await migrateDatabase(databaseUrl);
  const started = performance.now();
  const inserting = start();
  const rand = random(seed);
  const pick = (n) => Math.floor(rand() * n);
  const nextId = idMaker(Date.now());
  const out = await writerFor(databaseUrl, engine);
  const now = Date.now();
  const months = Array.from({ length: monthCount }, (_, k) => monthAfter(startMonth, k));
  // The month's counts the product keeps per transition (report_counts), summed here as each appeal is
  // made, from its facts, by the product's own arithmetic (contributionOf): what the product's recount
  // would read back from the rows (server/test/generator-counts.e2e.ts compares the two).
  // A mine's month is new (the mines are), so its rows are inserted once it is made (and the sums let go).
  const { contributionOf } = await dist('database/report-counts.js');
  const sums = new Map();
  let countRows = 0;
  const count = (facts) => {
    for (const row of contributionOf(facts)) {
      const key = `${row.orgId}|${row.month}|${row.facet}|${row.dims}`;
      const into = sums.get(key);
      if (!into) sums.set(key, row);
      else {
        into.n += row.n;
        into.sumMs += row.sumMs;
        into.answers += row.answers;
        into.returned += row.returned;
      }
    }
  };
  let result;
  try {
    // The group and its mines, each with departments, categories and places.
    const group = { id: nextId(), code: `grp${seed}` };
    await out.exec('INSERT INTO organizations (id, code, name, slogan, time_zone, parent_id, created_at, settings) VALUES (?, ?, ?, ?, ?, NULL, ?, NULL)', [
      group.id,
      group.code,
      '基准矿业集团',
      '矿山是咱家,有事儿就说话',
      'Asia/Shanghai',
      stamp(now),
    ]);
    const orgs = [];
    for (let o = 0; o < orgCount; o++) {
      const org = { id: nextId(), code: `m${seed}x${pad(o, 2)}`, name: `基准矿${o + 1}号`, departments: [], categories: [], places: [] };
      await out.exec('INSERT INTO organizations (id, code, name, slogan, time_zone, parent_id, created_at, settings) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)', [
        org.id,
        org.code,
        org.name,
        '矿山是咱家,有事儿就说话',
        'Asia/Shanghai',
        group.id,
        stamp(now),
      ]);
      for (const [code, name] of DEPARTMENTS) {
        const d = { id: nextId(), code, name };
        org.departments.push(d);
        await out.exec('INSERT INTO departments (id, org_id, code, name, leader_id, robot_key) VALUES (?, ?, ?, ?, NULL, NULL)', [d.id, org.id, code, name]);
      }
      for (const [position, [code, name]] of CATEGORIES.entries()) {
        const c = { id: nextId(), code, name };
        org.categories.push(c);
        await out.exec('INSERT INTO categories (id, org_id, code, name, position, default_department_id, standing_rule, answer_hours) VALUES (?, ?, ?, ?, ?, ?, 0, 72)', [
          c.id,
          org.id,
          code,
          name,
          position,
          org.departments[position].id,
        ]);
      }
      for (const [position] of PLACE_WEIGHTS.entries()) {
        const p = { id: nextId(), code: `p${pad(position)}`, name: `${position + 1}号点位` };
        org.places.push(p);
        await out.exec("INSERT INTO places (id, org_id, code, name, kind, position, scan_count, archived_at) VALUES (?, ?, ?, ?, 'canteen', ?, 0, NULL)", [
          p.id,
          org.id,
          p.code,
          p.name,
          position,
        ]);
      }
      orgs.push(org);
    }
    // Submitters: one worker per twenty appeals of a mine's month, at most 20,000 a mine.
    const workersPerOrg = Math.max(1, Math.min(20_000, Math.ceil(perMonth / 20)));
    for (const org of orgs) {
      org.workers = [];
      for (let w = 0; w < workersPerOrg; w++) {
        const id = nextId();
        org.workers.push(id);
        out.add('users', [id, `bench_${org.code}_${w}`, org.id, null, null, null, stamp(now), stamp(now), 0]);
      }
    }
    const placeTotal = PLACE_WEIGHTS.reduce((a, b) => a + b, 0);
    const placeOf = (org) => {
      if (rand() < 0.3) return null;
      let r = rand() * placeTotal;
      for (let p = 0; p < PLACE_WEIGHTS.length; p++) if ((r -= PLACE_WEIGHTS[p]) < 0) return org.places[p].id;
      return org.places[0].id;
    };
    const statusOf = () => {
      let r = pick(1000);
      for (const [status, share] of STATUS_SHARES) if ((r -= share) < 0) return status;
      return 'closed';
    };
    let appeals = 0;
    let steps = 0;
    let events = 0;
    // The appeal being made: its facts as the product reads them back (report-counts.ts factsOf), for its kept counts.
    let facts;
    const step = (appealId, orgId, kind, departmentId, startedAt, dueAt, metAt, cancelledAt, urgent) => {
      steps++;
      if ((kind === 'triage' || kind === 'answer') && cancelledAt === null) {
        // As stored: whole milliseconds (a Date drops the fraction).
        const of = facts[kind];
        if (metAt === null) {
          of.open++;
          const day = stamp(dueAt).slice(0, 10);
          if (of.dueDay === null || day < of.dueDay) of.dueDay = day;
        } else {
          of.met++;
          if (Math.trunc(metAt) > Math.trunc(dueAt)) of.late++;
          if (kind === 'answer') facts.answerMs.push(Math.trunc(metAt) - Math.trunc(startedAt));
        }
      }
      out.add('appeal_steps', [
        nextId(),
        appealId,
        orgId,
        kind,
        departmentId,
        stamp(startedAt),
        stamp(dueAt),
        metAt === null ? null : stamp(metAt),
        cancelledAt === null ? null : stamp(cancelledAt),
        urgent,
      ]);
    };
    const event = (appealId, orgId, type, actorId, role, text, visible, data, at) => {
      events++;
      if (type === 'responded') facts.answers++;
      else if (type === 'returned') facts.returned++;
      out.add('appeal_events', [nextId(), appealId, orgId, type, actorId, role, text, visible, data, stamp(at)]);
    };
    for (const month of months) {
      const [y, m] = month.split('-').map(Number);
      const monthStart = Date.UTC(y, m - 1, 1) - 8 * HOUR; // the mine's month begins at midnight in Asia/Shanghai
      const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
      for (const org of orgs) {
        const office = org.workers[0];
        const earlier = [];
        for (let n = 1; n <= perMonth; n++) {
          const id = nextId();
          // Spread over the month, but never after now: a current month fills up to the present.
          const span = Math.min(days * 24 * HOUR, Math.max(HOUR, now - monthStart - HOUR));
          const created = monthStart + Math.floor(((n - 1 + rand()) / perMonth) * span);
          const status = statusOf();
          const depth = DEPTH[status];
          const category = org.categories[pick(5)];
          const department = org.departments[pick(6)];
          const urgent = rand() < 0.05;
          const identity = category.code === 'rights' || rand() < 0.12 ? 'confidential' : rand() < 0.05 ? 'anonymous' : 'named';
          const valid = status !== 'rejected' && status !== 'merged';
          const late = () => rand() < 0.15;
          // Each stage's time: an hour to a day and a half, a late one past its due time.
          let t = created;
          const after = (dueHours, isLate) => (t = Math.min(now, t + (isLate ? dueHours + 1 + pick(48) : 0.5 + rand() * (dueHours - 0.6)) * HOUR));
          const triageDue = created + (urgent ? 2 : 24) * HOUR;
          const outcome = depth >= 5 ? ['resolved', 'resolved', 'resolved', 'scheduled', 'explained'][pick(5)] : null;
          const reopened = depth >= 3 && valid && rand() < 0.03;
          const submitter = org.workers[pick(org.workers.length)];
          const counted = { met: 0, late: 0, open: 0, dueDay: null };
          facts = { orgId: org.id, month, answers: 0, returned: 0, triage: { ...counted }, answer: { ...counted }, answerMs: [], parts: [] };
          event(id, org.id, 'submitted', submitter, 'owner', '诉求已提交,等待党群工作部受理', true, null, created);
          let acceptedAt = null;
          let dispatchedAt = null;
          let answeredAt = null;
          let repliedAt = null;
          let dueAt = null;
          if (depth === 0) step(id, org.id, 'triage', null, created, triageDue, null, null, urgent);
          else {
            acceptedAt = after(urgent ? 2 : 24, late());
            step(id, org.id, 'triage', null, created, triageDue, acceptedAt, null, urgent);
            if (!valid) {
              const reason = status === 'rejected' ? '不属于受理范围,已告知职工咨询渠道' : '与同一问题的诉求合并办理';
              event(id, org.id, status, office, 'coordinator', reason, true, null, acceptedAt);
            } else {
              event(id, org.id, 'accepted', office, 'coordinator', '党群工作部已受理', true, null, acceptedAt);
              const dispatchDue = acceptedAt + (urgent ? 2 : 24) * HOUR;
              if (depth === 1) step(id, org.id, 'dispatch', null, acceptedAt, dispatchDue, null, null, urgent);
              else {
                dispatchedAt = after(urgent ? 2 : 24, late());
                step(id, org.id, 'dispatch', null, acceptedAt, dispatchDue, dispatchedAt, null, urgent);
                event(id, org.id, 'dispatched', office, 'coordinator', `已批转${department.name}办理`, false, null, dispatchedAt);
                dueAt = dispatchedAt + (urgent ? 24 : 72) * HOUR;
                const ackDue = dispatchedAt + (urgent ? 1 : 8) * HOUR;
                const ackAt = depth >= 3 ? after(urgent ? 1 : 8, late()) : null;
                step(id, org.id, 'acknowledge', department.id, dispatchedAt, ackDue, ackAt, null, urgent);
                if (ackAt !== null) event(id, org.id, 'acknowledged', office, 'handler', `${department.name}已签收`, false, null, ackAt);
                if (depth >= 4) {
                  answeredAt = after(urgent ? 24 : 72, late());
                  // One in twenty answers is sent back once (退回重办) and answered again.
                  if (rand() < 0.05) {
                    event(id, org.id, 'responded', office, 'handler', '已答复', false, null, answeredAt);
                    event(id, org.id, 'returned', office, 'coordinator', '退回重办:答复不完整', false, null, answeredAt + HOUR);
                    answeredAt = Math.min(now, answeredAt + 2 * HOUR);
                  }
                  event(id, org.id, 'responded', office, 'handler', '已答复', false, null, answeredAt);
                }
                step(id, org.id, 'answer', department.id, dispatchedAt, dueAt, answeredAt, null, urgent);
                if (depth >= 5) {
                  repliedAt = after(12, false);
                  const data = rand() < 0.5 ? '{"publicSummary":"已协调相关部门落实"}' : null;
                  event(id, org.id, 'replied', office, 'coordinator', '已反馈职工', true, data, repliedAt);
                }
              }
            }
          }
          const rating = depth === 6 ? (rand() < 0.9 ? ['satisfied', 'satisfied', 'satisfied', 'satisfied', 'basic', 'unsatisfied'][pick(6)] : null) : null;
          if (rating) event(id, org.id, 'rated', submitter, 'owner', '职工已评价', true, null, after(48, false));
          const mergedInto = status === 'merged' && earlier.length ? earlier[pick(earlier.length)] : null;
          if (valid && earlier.length < 50) earlier.push(id);
          const serial = `${org.code.toUpperCase()}${month.replace('-', '')}-${pad(n, 4)}`;
          const placeId = placeOf(org);
          const publishConsent = rand() < 0.4;
          const supervised = outcome === 'scheduled' && rand() < 0.5;
          const callLogged = depth >= 5 && rand() < 0.3;
          facts.departmentId = depth >= 2 ? department.id : null;
          facts.categoryId = category.id;
          facts.placeId = placeId;
          facts.status = status;
          facts.outcome = outcome;
          facts.rating = rating;
          facts.callLogged = callLogged;
          facts.supervised = supervised;
          facts.reopened = reopened;
          facts.replyMs = repliedAt === null ? null : Math.trunc(repliedAt) - created;
          count(facts);
          appeals++;
          out.add('appeals', [
            id,
            org.id,
            serial,
            month,
            category.id,
            placeId,
            submitter,
            identity,
            `基准诉求第 ${n} 件:食堂、澡堂与班车的日常问题`,
            null,
            publishConsent,
            status,
            urgent,
            outcome,
            rating,
            false,
            `k${id}`,
            'x'.repeat(64),
            1 + depth,
            stamp(created),
            stamp(t),
            depth >= 2 ? department.id : null,
            null,
            dueAt === null ? null : stamp(dueAt),
            outcome === 'scheduled' ? stamp(created + 30 * 24 * HOUR) : null,
            supervised,
            reopened ? 1 : 0,
            mergedInto,
            repliedAt === null ? null : stamp(repliedAt),
            callLogged,
            null,
            null,
          ]);
          const wait = out.ready();
          if (wait) await wait;
        }
        await out.exec('INSERT INTO serial_counters (org_id, month, last_value) VALUES (?, ?, ?)', [org.id, month, perMonth]);
        // In the order of the table's key (near enough: its collation puts letters before some punctuation),
        // so that they go in at the end of the mine's month and fill their pages, not all over its range
        // (the counts are more rows than the appeals; at 400,000 of them the table took 69 MB, not some 108).
        const ordered = [...sums.values()].map((r) => [`${r.facet}\u0000${r.dims}`.toUpperCase(), r]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        for (const [, r] of ordered) out.add('report_counts', [r.orgId, r.month, r.facet, r.dims, r.n, r.sumMs, r.answers, r.returned]);
        countRows += sums.size;
        sums.clear();
      }
    }
    await out.flush();
    phase(`rows inserted (${countRows} of counts among them)`, inserting);
    result = { appeals, steps, events, group, orgs: orgs.map(({ workers, ...org }) => org), months };
  } finally {
    await out.close();
  }
  return { seconds: (performance.now() - started) / 1000, ...result };
}
