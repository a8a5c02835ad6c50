// Request counters of the abuse limits (login, bind codes, scans, public pages), shared by every
// server instance: one row per client and window, counted by a conditional UPDATE.
import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

export class ThrottleCounters1765200000000 implements MigrationInterface {
  name = 'ThrottleCounters1765200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'throttle_counters',
        columns: [
          { name: 'bucket', type: 'varchar', length: '100', isPrimary: true },
          { name: 'window_no', type: 'integer', isPrimary: true },
          { name: 'hits', type: 'integer' },
          { name: 'expires_at', type: 'datetime', precision: 3 },
        ],
      }),
    );
    await runner.createIndex('throttle_counters', new TableIndex({ name: 'ix_throttle_expires', columnNames: ['expires_at'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('throttle_counters');
  }
}
