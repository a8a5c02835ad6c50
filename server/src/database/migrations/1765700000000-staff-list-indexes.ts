// The staff's list at 100,000 appeals a month: an index for each way it is read — the organisation's
// (or a department's, or one person's) appeals newest or oldest first, of one status, of one month, by
// answer deadline, a department's 督办 —
// each ending in (created_at, id) or (due_at, id), the list's order and its cursor, so a page is read off
// the index and stops after it (no sort of the whole organisation). And the phone's last four digits as
// a keyed hash (`phone_tail`), so staff may search them without the number being stored readable.
import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

export const STAFF_LIST_INDEXES: Array<[name: string, columns: string[]]> = [
  ['ix_appeals_org_created', ['org_id', 'created_at', 'id']],
  ['ix_appeals_org_status_created', ['org_id', 'status', 'created_at', 'id']],
  ['ix_appeals_org_month_created', ['org_id', 'month', 'created_at', 'id']],
  ['ix_appeals_org_due', ['org_id', 'due_at', 'id']],
  ['ix_appeals_department_created', ['department_id', 'created_at', 'id']],
  ['ix_appeals_department_status_created', ['department_id', 'status', 'created_at', 'id']],
  ['ix_appeals_department_supervised', ['department_id', 'supervised', 'created_at', 'id']],
  ['ix_appeals_assignee_created', ['assignee_id', 'created_at', 'id']],
  // The tabs' counts read this one alone (it holds every column they test): 待回访, 待复核, 逾期.
  ['ix_appeals_org_status_flags', ['org_id', 'status', 'call_logged', 'under_review', 'due_at']],
  ['ix_appeals_org_phone_tail', ['org_id', 'phone_tail']],
];

export class StaffListIndexes1765700000000 implements MigrationInterface {
  name = 'StaffListIndexes1765700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumn('appeals', new TableColumn({ name: 'phone_tail', type: 'varchar', length: '16', isNullable: true }));
    for (const [name, columnNames] of STAFF_LIST_INDEXES) await runner.createIndex('appeals', new TableIndex({ name, columnNames }));
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const [name] of [...STAFF_LIST_INDEXES].reverse()) await runner.dropIndex('appeals', name);
    await runner.dropColumn('appeals', 'phone_tail');
  }
}
