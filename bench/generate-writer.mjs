// The generator's SQLite writer (bench/generate.mjs), in a worker thread of its own: the generator's
// thread makes the rows while this one inserts them, on both cores. Messages, in order:
//   { sql, params }     one statement (the organisations, their departments…, a month's serial counter)
//   { table, values }   rows of a table, their values one after another
//   { commit: true }    commits what is written
//   { close: true }     commits, builds the indexes dropped at the start, answers { indexes: { ms, cpu } }
// Each message done adds one to workerData.done[0] (the generator waits on it when too many are queued);
// a failure sets done[1] and is thrown (the worker's 'error').
import { createRequire } from 'node:module';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

const { file, columns, root } = workerData;
const done = new Int32Array(workerData.done);
const Database = createRequire(path.join(root, 'server/package.json'))('better-sqlite3');
const db = new Database(file);
// No journal and a large page cache while it loads (the product opens it in WAL mode again).
db.pragma('journal_mode = OFF');
db.pragma('synchronous = OFF');
db.pragma('cache_size = -1000000');
// The index builds' sorts in memory, on both cores (SQLite's sorter threads).
db.pragma('temp_store = MEMORY');
db.pragma('threads = 2');
// Into empty tables, the secondary indexes are dropped and built again at the end, in one sorted pass each.
const empty = db.prepare('SELECT COUNT(*) AS n FROM appeals').get().n === 0;
const indexes = empty
  ? db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('appeals', 'appeal_steps', 'appeal_events')`).all()
  : [];
for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);

// A statement per table and number of rows, prepared once; transactions of some 20,000 rows.
const prepared = new Map();
const statement = (table, n) => {
  const key = `${table}:${n}`;
  if (!prepared.has(key)) {
    const row = `(${columns[table].map(() => '?').join(',')})`;
    prepared.set(key, db.prepare(`INSERT INTO ${table} (${columns[table].join(',')}) VALUES ${Array(n).fill(row).join(',')}`));
  }
  return prepared.get(key);
};
let uncommitted = 0;
const commit = () => {
  if (db.inTransaction) db.exec('COMMIT');
  uncommitted = 0;
};

parentPort.on('message', (message) => {
  try {
    if (message.close) {
      commit();
      const at = performance.now();
      const cpu = process.cpuUsage();
      for (const index of indexes) db.exec(index.sql);
      const { user, system } = process.cpuUsage(cpu);
      db.pragma('journal_mode = WAL');
      db.close();
      parentPort.postMessage({ indexes: { ms: performance.now() - at, cpu: (user + system) / 1000 } });
    } else if (message.commit) commit();
    else {
      if (!db.inTransaction) db.exec('BEGIN');
      if (message.sql) db.prepare(message.sql).run(message.params);
      else {
        const n = message.values.length / columns[message.table].length;
        statement(message.table, n).run(message.values);
        if ((uncommitted += n) >= 20_000) commit();
      }
    }
  } catch (error) {
    Atomics.store(done, 1, 1);
    Atomics.notify(done, 0);
    throw error;
  }
  Atomics.add(done, 0, 1);
  Atomics.notify(done, 0);
});
