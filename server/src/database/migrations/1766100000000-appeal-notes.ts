// Internal notes (内部备注) on appeals: staff-only, in a table of their own (the notes module's).
import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

export class AppealNotes1766100000000 implements MigrationInterface {
  name = 'AppealNotes1766100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'appeal_notes',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'appeal_id', type: 'varchar', length: '36' },
          { name: 'org_id', type: 'varchar', length: '36' },
          { name: 'author_id', type: 'varchar', length: '36' },
          { name: 'author_role', type: 'varchar', length: '16' },
          { name: 'department_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'text', type: 'text' },
          { name: 'created_at', type: 'datetime', precision: 3 },
        ],
      }),
    );
    await runner.createIndex('appeal_notes', new TableIndex({ name: 'ix_appeal_notes_appeal', columnNames: ['appeal_id', 'created_at'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('appeal_notes');
  }
}
