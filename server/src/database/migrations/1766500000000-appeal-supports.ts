// 同感 (me too) on appeals: one row per worker and appeal, counted, never shown by who.
import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

export class AppealSupports1766500000000 implements MigrationInterface {
  name = 'AppealSupports1766500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'appeal_supports',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'appeal_id', type: 'varchar', length: '36' },
          { name: 'org_id', type: 'varchar', length: '36' },
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'created_at', type: 'datetime', precision: 3 },
        ],
      }),
    );
    // Once per worker; its prefix also counts an appeal's supports.
    await runner.createIndex('appeal_supports', new TableIndex({ name: 'uq_appeal_supports_appeal_user', columnNames: ['appeal_id', 'user_id'], isUnique: true }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('appeal_supports');
  }
}
