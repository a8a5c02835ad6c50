// The monthly public report: versions of a month's report, each with its figures and its
// curated list of resolved appeals.
import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

export class MonthlyReports1764600000000 implements MigrationInterface {
  name = 'MonthlyReports1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'monthly_reports',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'org_id', type: 'varchar', length: '36' },
          { name: 'month', type: 'varchar', length: '7' },
          { name: 'version', type: 'integer' },
          { name: 'state', type: 'varchar', length: '16' },
          { name: 'figures', type: 'text' },
          { name: 'note', type: 'varchar', length: '500', isNullable: true },
          { name: 'computed_at', type: 'datetime', precision: 3 },
          { name: 'published_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'published_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'created_at', type: 'datetime', precision: 3 },
        ],
      }),
    );
    await runner.createIndex('monthly_reports', new TableIndex({ name: 'uq_monthly_reports_version', columnNames: ['org_id', 'month', 'version'], isUnique: true }));
    await runner.createTable(
      new Table({
        name: 'report_items',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'report_id', type: 'varchar', length: '36' },
          { name: 'position', type: 'integer' },
          { name: 'appeal_id', type: 'varchar', length: '36' },
          { name: 'serial', type: 'varchar', length: '32' },
          { name: 'category_name', type: 'varchar', length: '64' },
          { name: 'place_name', type: 'varchar', length: '64' },
          { name: 'outcome', type: 'varchar', length: '16' },
          { name: 'department_name', type: 'varchar', length: '64', isNullable: true },
          { name: 'days_taken', type: 'integer' },
          { name: 'summary', type: 'varchar', length: '200', isNullable: true },
          { name: 'included', type: 'boolean' },
        ],
      }),
    );
    await runner.createIndex('report_items', new TableIndex({ name: 'ix_report_items_report', columnNames: ['report_id', 'position'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('report_items');
    await runner.dropTable('monthly_reports');
  }
}
