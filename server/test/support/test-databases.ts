// Every test that touches the database runs on SQLite always and on MariaDB/MySQL whenever
// TEST_MYSQL_URL is set (CI sets it). Each test file gets a database of its own, dropped afterwards.
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '../../src/config/app-config.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { ENTITIES } from '../../src/entities.js';
import { SETUP_MS } from './time-budget.js';

export type EngineName = 'sqlite' | 'mariadb';

export interface TestDatabase {
  engine: EngineName;
  url: string;
  drop(): Promise<void>;
}

export function enginesUnderTest(): EngineName[] {
  return process.env.TEST_MYSQL_URL ? ['sqlite', 'mariadb'] : ['sqlite'];
}

export async function createTestDatabase(engine: EngineName): Promise<TestDatabase> {
  if (engine === 'sqlite') return { engine, url: 'sqlite::memory:', drop: async () => undefined };
  const server = new URL(process.env.TEST_MYSQL_URL!);
  const name = `mq_test_${randomBytes(6).toString('hex')}`;
  const admin = await mysql.createConnection({
    host: server.hostname,
    port: Number(server.port || 3306),
    user: decodeURIComponent(server.username),
    password: decodeURIComponent(server.password),
  });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const [[{ version }]] = (await admin.query('SELECT VERSION() AS version')) as unknown as [[{ version: string }]];
  await admin.end();
  const url = new URL(process.env.TEST_MYSQL_URL!);
  url.pathname = `/${name}`;
  // Speak the server's own dialect, as production is told to with its URL scheme.
  url.protocol = /mariadb/i.test(version) ? 'mariadb:' : 'mysql:';
  return {
    engine,
    url: url.toString(),
    drop: async () => {
      const conn = await mysql.createConnection({
        host: server.hostname,
        port: Number(server.port || 3306),
        user: decodeURIComponent(server.username),
        password: decodeURIComponent(server.password),
      });
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    },
  };
}

/**
 * For tests below the HTTP layer: a DataSource on a database of the file's own (migrated when asked),
 * opened before the file's tests and dropped after them. Read `.db` inside the tests.
 */
export function useDataSource(engine: EngineName, options: { migrate: boolean }): { readonly db: DataSource } {
  let database: TestDatabase | undefined;
  let db: DataSource | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    db = new DataSource(dataSourceOptions(parseDatabaseUrl(database.url, []), ENTITIES));
    await db.initialize();
    if (options.migrate) await db.runMigrations({ transaction: 'each' });
  }, SETUP_MS);
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });
  return {
    get db() {
      if (!db) throw new Error('the DataSource is opened in beforeAll');
      return db;
    },
  };
}
