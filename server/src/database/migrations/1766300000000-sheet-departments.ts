// 主办/协办: the co-handling departments of each dispatch sheet (the appeals module's `sheet_departments`).
import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

export class SheetDepartments1766300000000 implements MigrationInterface {
  name = 'SheetDepartments1766300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'sheet_departments',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'appeal_id', type: 'varchar', length: '36' },
          { name: 'org_id', type: 'varchar', length: '36' },
          { name: 'sheet_version', type: 'integer' },
          { name: 'department_id', type: 'varchar', length: '36' },
          { name: 'active', type: 'boolean' },
          { name: 'answer', type: 'text', isNullable: true },
          { name: 'answered_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'answered_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'created_at', type: 'datetime', precision: 3 },
        ],
      }),
    );
    await runner.createIndex(
      'sheet_departments',
      new TableIndex({ name: 'uq_sheet_departments_version', columnNames: ['appeal_id', 'sheet_version', 'department_id'], isUnique: true }),
    );
    await runner.createIndex('sheet_departments', new TableIndex({ name: 'ix_sheet_departments_appeal', columnNames: ['appeal_id', 'active'] }));
    await runner.createIndex('sheet_departments', new TableIndex({ name: 'ix_sheet_departments_queue', columnNames: ['department_id', 'active', 'appeal_id'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('sheet_departments');
  }
}
