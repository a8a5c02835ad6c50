// Where long reads run: the reports' month of counts, the staff lists' pages and tab counts. On
// MariaDB/MySQL the database does the work and the event loop only waits; better-sqlite3 is synchronous,
// so on SQLite such a read would hold the whole process (every submission, every /api/health) for as long
// as it runs. There the reads go to a worker thread with a read-only connection of its own to the same
// file (WAL: it reads the last committed state, never blocks a writer). Each module that provides one has
// its own thread: a list never waits behind a month's figures. An in-memory database (the tests) cannot
// be opened twice: there the reads run on the app's connection. Node's worker_threads and better-sqlite3
// are all it takes; no pool library is made for a single read-only SQLite connection.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * The worker's whole program: open the file read-only, answer each { id, sql, parameters } with its rows,
 * CHUNK at a time: the first chunk at once, each next one when asked ({ id, next: true }). Taking in a
 * message of rows (structured clone) is the main thread's work, all in one go: nine thousand rows of a
 * month's counts were 20–40 ms of it in one block, which every request behind them (a /api/health
 * among them) waited out. A chunk at a time, asked for after the main thread had its turn at the rest.
 * The rows travel as arrays, their column names once with the first chunk: better-sqlite3 makes an array
 * row faster than an object, and a structured clone of arrays carries no key names (a month's counts read
 * a third faster in the worker; the main thread's share, cloning in and naming the columns, about even).
 */
const CHUNK = 1000;
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const statements = new Map();
const pending = new Map();
const send = (id, columns) => {
  const rest = pending.get(id);
  const rows = rest.splice(0, ${CHUNK});
  if (!rest.length) pending.delete(id);
  parentPort.postMessage({ id, columns, rows, more: rest.length > 0 });
};
parentPort.on('message', ({ id, sql, parameters, next }) => {
  if (next) return pending.has(id) && send(id);
  try {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql).raw(true);
      statements.set(sql, (statement = { raw: statement, columns: statement.columns().map((c) => c.name) }));
    }
    pending.set(id, statement.raw.all(parameters));
    send(id, statement.columns);
  } catch (error) {
    pending.delete(id);
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});`;

type Row = Record<string, unknown>;

@Injectable()
export class ThreadReader implements OnModuleDestroy {
  private worker: Worker | null = null;
  private next = 0;
  private readonly waiting = new Map<number, { columns: string[]; rows: Row[]; resolve: (rows: Row[]) => void; reject: (error: Error) => void }>();

  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** `sql` with TypeORM's named parameters (:name, :...list), turned into each engine's own. */
  query<T extends object = Row>(sql: string, parameters: Record<string, unknown>): Promise<T[]> {
    // The driver's own escaping turns a Date into what the engine stores (SQLite: a UTC string).
    const [query, values] = this.db.driver.escapeQueryWithParameters(sql, parameters);
    return this.positional<T>(query, values);
  }

  /** `sql` in the engine's own placeholders with its values escaped already (a query builder's getQueryAndParameters()). */
  positional<T extends object = Row>(sql: string, values: unknown[]): Promise<T[]> {
    const file = this.sqliteFile();
    if (!file) return this.db.query(sql, values) as Promise<T[]>;
    return this.onWorker(
      file,
      sql,
      values.map((v: unknown) => (typeof v === 'boolean' ? Number(v) : v)),
    ) as Promise<T[]>;
  }

  /** Which engine the reads speak: the SQL of a date difference differs. */
  get engine(): 'sqlite' | 'mysql' {
    return this.db.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
  }

  private sqliteFile(): string | null {
    if (this.db.options.type !== 'better-sqlite3') return null;
    const file = this.db.options.database;
    return typeof file === 'string' && file !== ':memory:' && file !== '' ? file : null;
  }

  private onWorker(file: string, sql: string, parameters: unknown[]): Promise<Row[]> {
    if (!this.worker) {
      const driver = createRequire(import.meta.url).resolve('better-sqlite3');
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver } });
      worker.on('message', ({ id, columns, rows, more, error }: { id: number; columns?: string[]; rows?: unknown[][]; more?: boolean; error?: string }) => {
        const waiter = this.waiting.get(id);
        if (!waiter) return;
        if (error !== undefined) {
          this.waiting.delete(id);
          return waiter.reject(new Error(error));
        }
        if (columns) waiter.columns = columns;
        const names = waiter.columns;
        for (const values of rows!) {
          // As better-sqlite3's own object rows: a name given twice keeps the last column's value.
          const row: Row = {};
          for (let i = 0; i < names.length; i++) row[names[i]] = values[i];
          waiter.rows.push(row);
        }
        if (!more) {
          this.waiting.delete(id);
          return waiter.resolve(waiter.rows);
        }
        // The next chunk once what waits on the event loop has had its turn.
        setImmediate(() => this.worker?.postMessage({ id, next: true }));
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', () => {
        this.worker = null;
        this.fail(new Error('the read thread stopped'));
      });
      // Never what keeps the process alive.
      worker.unref();
      this.worker = worker;
    }
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { columns: [], rows: [], resolve, reject });
      this.worker!.postMessage({ id, sql, parameters });
    });
  }

  private fail(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }

  async onModuleDestroy(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }
}
