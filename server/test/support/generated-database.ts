// A migrated database of the file's own, filled by the benchmarks' generator (bench/generate.mjs): a
// group of mines with a realistic month of appeals, steps and events. On SQLite a file (the generator
// writes through a connection of its own), on MariaDB a database of its own; dropped afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { generate, type Generated } from '../../../bench/generate.mjs';
import { parseDatabaseUrl } from '../../src/config/app-config.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { ENTITIES } from '../../src/entities.js';
import { SETUP_MS } from './time-budget.js';
import { createTestDatabase, type EngineName, type TestDatabase } from './test-databases.js';

export function useGeneratedDatabase(
  engine: EngineName,
  shape: { orgs: number; months: number; perMonth: number; startMonth: string },
): { readonly db: DataSource; readonly data: Generated } {
  let database: TestDatabase | undefined;
  let dir: string | undefined;
  let db: DataSource | undefined;
  let data: Generated | undefined;
  beforeAll(async () => {
    let url: string;
    if (engine === 'sqlite') {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-generated-'));
      url = `sqlite:${path.join(dir, 'app.db')}`;
    } else {
      database = await createTestDatabase(engine);
      url = database.url;
    }
    db = new DataSource(dataSourceOptions(parseDatabaseUrl(url, []), ENTITIES));
    await db.initialize();
    await db.runMigrations({ transaction: 'each' });
    data = await generate({ databaseUrl: url, ...shape, migrate: false });
  }, SETUP_MS * 4);
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    get db() {
      if (!db) throw new Error('the database is made in beforeAll');
      return db;
    },
    get data() {
      if (!data) throw new Error('the data is generated in beforeAll');
      return data;
    },
  };
}
