import 'reflect-metadata';
import { MIGRATIONS } from '../src/database/data-source-options.js';
import { enginesUnderTest, useDataSource } from './support/test-databases.js';
import { timeBudget } from './support/time-budget.js';

describe.each(enginesUnderTest())('migrations on %s', (engine) => {
  const ctx = useDataSource(engine, { migrate: false });

  it(
    'build exactly the schema the entities describe, and take it down again',
    async () => {
      await ctx.db.runMigrations({ transaction: 'each' });
      // What synchronize *would* run: nothing, when the migrations and the entities agree.
      const drift = await ctx.db.driver.createSchemaBuilder().log();
      expect(drift.upQueries.map((q) => q.query)).toEqual([]);
      expect(await ctx.db.showMigrations()).toBe(false);

      for (const _ of MIGRATIONS) await ctx.db.undoLastMigration({ transaction: 'each' });
      const runner = ctx.db.createQueryRunner();
      for (const table of ['appeals', 'dispatch_sheets', 'bind_codes']) expect(await runner.hasTable(table)).toBe(false);
      await runner.release();
      await ctx.db.runMigrations({ transaction: 'each' });
    },
    timeBudget(MIGRATIONS.length * 3, 2_000),
  ); // every migration up, down and up again: ~0.5 s each on MariaDB on a busy machine
});
