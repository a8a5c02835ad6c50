// The month's counts kept per transition (report_counts, reports/report-counts.ts), filled here from the
// appeals there are; and the open steps by organisation and due time, for the one figure counts cannot
// keep: which open triage and answer steps are past due when the figures are asked for (covering: the
// steps are found without reading a row).
import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { recountCounts } from '../report-counts.js';

export class ReportCounts1766210000000 implements MigrationInterface {
  name = 'ReportCounts1766210000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'report_counts',
        columns: [
          { name: 'org_id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'month', type: 'varchar', length: '7', isPrimary: true },
          { name: 'facet', type: 'varchar', length: '16', isPrimary: true },
          { name: 'dims', type: 'varchar', length: '255', isPrimary: true },
          { name: 'n', type: 'integer' },
          { name: 'sum_ms', type: 'bigint' },
          { name: 'answers', type: 'integer' },
          { name: 'returned', type: 'integer' },
        ],
      }),
    );
    await runner.createIndex('appeal_steps', new TableIndex({ name: 'ix_appeal_steps_open', columnNames: ['org_id', 'met_at', 'cancelled_at', 'due_at', 'step', 'appeal_id'] }));
    await recountCounts(runner.manager);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('appeal_steps', 'ix_appeal_steps_open');
    await runner.dropTable('report_counts');
  }
}
