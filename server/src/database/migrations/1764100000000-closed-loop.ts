// The closed loop for staff: dispatch sheets, where each appeal stands with its department
// and deadline, supervision of scheduled answers, reopening, and the one-time bind codes for staff.
import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const nullableId = (name: string) => new TableColumn({ name, type: 'varchar', length: '36', isNullable: true });
const nullableTime = (name: string) => new TableColumn({ name, type: 'datetime', precision: 3, isNullable: true });

export class ClosedLoop1764100000000 implements MigrationInterface {
  name = 'ClosedLoop1764100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumns('appeals', [
      nullableId('department_id'),
      nullableId('assignee_id'),
      nullableTime('due_at'),
      nullableTime('planned_at'),
      new TableColumn({ name: 'supervised', type: 'boolean', default: 0 }),
      new TableColumn({ name: 'reopen_count', type: 'integer', default: 0 }),
      nullableId('merged_into_id'),
      nullableTime('replied_at'),
      new TableColumn({ name: 'call_logged', type: 'boolean', default: 0 }),
    ]);
    await runner.createIndex('appeals', new TableIndex({ name: 'ix_appeals_department_status', columnNames: ['department_id', 'status'] }));
    await runner.addColumns('categories', [
      new TableColumn({ name: 'standing_rule', type: 'boolean', default: 0 }),
      new TableColumn({ name: 'answer_hours', type: 'integer', default: 72 }),
    ]);

    await runner.createTable(
      new Table({
        name: 'dispatch_sheets',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'appeal_id', type: 'varchar', length: '36' },
          { name: 'org_id', type: 'varchar', length: '36' },
          { name: 'version', type: 'integer' },
          { name: 'department_id', type: 'varchar', length: '36' },
          { name: 'assignee_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'instructions', type: 'text' },
          { name: 'measures', type: 'text', isNullable: true },
          { name: 'due_at', type: 'datetime', precision: 3 },
          { name: 'due_reason', type: 'text', isNullable: true },
          { name: 'issued_by', type: 'varchar', length: '36' },
          { name: 'issued_role', type: 'varchar', length: '16' },
          { name: 'created_at', type: 'datetime', precision: 3 },
        ],
      }),
    );
    await runner.createIndex('dispatch_sheets', new TableIndex({ name: 'uq_dispatch_sheets_appeal_version', columnNames: ['appeal_id', 'version'], isUnique: true }));

    await runner.createTable(
      new Table({
        name: 'bind_codes',
        columns: [
          { name: 'code', type: 'varchar', length: '16', isPrimary: true },
          { name: 'org_id', type: 'varchar', length: '36' },
          { name: 'role', type: 'varchar', length: '16' },
          { name: 'department_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'is_head', type: 'boolean' },
          { name: 'is_secretary', type: 'boolean' },
          { name: 'created_by', type: 'varchar', length: '36' },
          { name: 'expires_at', type: 'datetime', precision: 3 },
          { name: 'used_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'used_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'created_at', type: 'datetime', precision: 3 },
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('bind_codes');
    await runner.dropTable('dispatch_sheets');
    await runner.dropColumns('categories', ['standing_rule', 'answer_hours']);
    await runner.dropIndex('appeals', 'ix_appeals_department_status');
    await runner.dropColumns('appeals', ['department_id', 'assignee_id', 'due_at', 'planned_at', 'supervised', 'reopen_count', 'merged_into_id', 'replied_at', 'call_logged']);
  }
}
