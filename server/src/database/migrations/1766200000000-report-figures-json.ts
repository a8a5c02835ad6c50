// A month's figures outgrew MariaDB's TEXT (64 KB): a month of 100,000 appeals lists some 15,000 核减
// entries, and drafting it answered 500. JSON is LONGTEXT on MariaDB (4 GB, with a json_valid check)
// and MySQL's native JSON (1 GB); on SQLite TEXT was never bounded, and the column is rebuilt only so
// that its declared type matches the entity's on both engines.
import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

export class ReportFiguresJson1766200000000 implements MigrationInterface {
  name = 'ReportFiguresJson1766200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.changeColumn('monthly_reports', 'figures', new TableColumn({ name: 'figures', type: 'json' }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.changeColumn('monthly_reports', 'figures', new TableColumn({ name: 'figures', type: 'text' }));
  }
}
