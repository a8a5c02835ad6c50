// The office's Excel exports run as jobs: one row per export, one running per organisation, month
// and person (a unique key over a column that is NULL once the export ends). And the month's appeals
// in id order for the export's keyset pages: on MariaDB ix_appeals_org_month already ends in the
// primary key; SQLite's ends in the rowid, so without this each page would sort the whole month.
import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

export class ReportExports1765500000000 implements MigrationInterface {
  name = 'ReportExports1765500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'report_exports',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'org_id', type: 'varchar', length: '36' },
          { name: 'month', type: 'varchar', length: '7' },
          { name: 'requested_by', type: 'varchar', length: '36' },
          { name: 'state', type: 'varchar', length: '16' },
          { name: 'running', type: 'boolean', isNullable: true },
          { name: 'rows_total', type: 'integer' },
          { name: 'rows_done', type: 'integer' },
          { name: 'file_key', type: 'varchar', length: '100', isNullable: true },
          { name: 'error', type: 'varchar', length: '40', isNullable: true },
          { name: 'created_at', type: 'datetime', precision: 3 },
          { name: 'heartbeat_at', type: 'datetime', precision: 3 },
          { name: 'finished_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'expires_at', type: 'datetime', precision: 3, isNullable: true },
        ],
      }),
    );
    await runner.createIndex('report_exports', new TableIndex({ name: 'uq_report_exports_running', columnNames: ['org_id', 'month', 'requested_by', 'running'], isUnique: true }));
    await runner.createIndex('report_exports', new TableIndex({ name: 'ix_report_exports_state', columnNames: ['state', 'heartbeat_at'] }));
    await runner.createIndex('appeals', new TableIndex({ name: 'ix_appeals_org_month_id', columnNames: ['org_id', 'month', 'id'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('appeals', 'ix_appeals_org_month_id');
    await runner.dropTable('report_exports');
  }
}
