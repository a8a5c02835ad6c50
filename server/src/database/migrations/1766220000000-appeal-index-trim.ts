// Fewer indexes for every submission and transition to write: each one below is a prefix of another
// that serves every query it served, with the same plan or a covering one.
// - ix_appeals_org_month (org_id, month): ix_appeals_org_month_id (org_id, month, id) begins with it (on
//   MariaDB the two were the same entries: InnoDB ends every secondary index in the primary key);
// - ix_appeals_org_status (org_id, status): ix_appeals_org_status_created (…, created_at, id) and
//   ix_appeals_org_status_flags begin with it;
// - ix_appeals_department_status (department_id, status): ix_appeals_department_status_created begins with it.
// The plans that named them (test/plans/) now name the longer ones.
import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const DROPPED: Array<[name: string, columns: string[]]> = [
  ['ix_appeals_org_month', ['org_id', 'month']],
  ['ix_appeals_org_status', ['org_id', 'status']],
  ['ix_appeals_department_status', ['department_id', 'status']],
];

export class AppealIndexTrim1766220000000 implements MigrationInterface {
  name = 'AppealIndexTrim1766220000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const [name] of DROPPED) await runner.dropIndex('appeals', name);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const [name, columnNames] of DROPPED) await runner.createIndex('appeals', new TableIndex({ name, columnNames }));
  }
}
