// 常用回复: the office's sentences for answers and replies, per category (the canned-replies module's).
import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

export class CannedReplies1766600000000 implements MigrationInterface {
  name = 'CannedReplies1766600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'canned_replies',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'org_id', type: 'varchar', length: '36' },
          { name: 'category_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'text', type: 'text' },
          { name: 'created_at', type: 'datetime', precision: 3 },
          { name: 'updated_at', type: 'datetime', precision: 3 },
        ],
      }),
    );
    await runner.createIndex('canned_replies', new TableIndex({ name: 'ix_canned_replies_org_category', columnNames: ['org_id', 'category_id'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('canned_replies');
  }
}
