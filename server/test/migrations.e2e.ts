import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { parseDatabaseUrl } from '../src/config/app-config.js';
import { MIGRATIONS, dataSourceOptions } from '../src/database/data-source-options.js';
import { createTestDatabase, enginesUnderTest, type TestDatabase } from './support/test-databases.js';

describe.each(enginesUnderTest())('migrations on %s', (engine) => {
  let database: TestDatabase;
  let db: DataSource;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    db = new DataSource(dataSourceOptions(parseDatabaseUrl(database.url, [])));
    await db.initialize();
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('build exactly the schema the entities describe, and take it down again', async () => {
    await db.runMigrations({ transaction: 'each' });
    // What synchronize *would* run: nothing, when the migrations and the entities agree.
    const drift = await db.driver.createSchemaBuilder().log();
    expect(drift.upQueries.map((q) => q.query)).toEqual([]);
    expect(await db.showMigrations()).toBe(false);

    for (const _ of MIGRATIONS) await db.undoLastMigration({ transaction: 'each' });
    const runner = db.createQueryRunner();
    for (const table of ['appeals', 'dispatch_sheets', 'bind_codes']) expect(await runner.hasTable(table)).toBe(false);
    await runner.release();
    await db.runMigrations({ transaction: 'each' });
  });
});
