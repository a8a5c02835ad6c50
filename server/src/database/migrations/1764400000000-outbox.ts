// The notification outbox: each WeChat message a transition causes is a row written in the
// same transaction, with a key that makes one event one message; a dispatcher sends the rows.
import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

export class Outbox1764400000000 implements MigrationInterface {
  name = 'Outbox1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'outbox_messages',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'org_id', type: 'varchar', length: '36' },
          { name: 'user_id', type: 'varchar', length: '36' },
          { name: 'touser', type: 'varchar', length: '64' },
          { name: 'appeal_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'dedupe_key', type: 'varchar', length: '128' },
          { name: 'template_id', type: 'varchar', length: '64' },
          { name: 'page', type: 'varchar', length: '255' },
          { name: 'data', type: 'text' },
          { name: 'state', type: 'varchar', length: '16' },
          { name: 'credit_spent', type: 'boolean' },
          { name: 'attempts', type: 'integer' },
          { name: 'next_attempt_at', type: 'datetime', precision: 3 },
          { name: 'lease_until', type: 'datetime', precision: 3, isNullable: true },
          { name: 'last_error', type: 'text', isNullable: true },
          { name: 'created_at', type: 'datetime', precision: 3 },
          { name: 'sent_at', type: 'datetime', precision: 3, isNullable: true },
        ],
      }),
    );
    await runner.createIndex('outbox_messages', new TableIndex({ name: 'uq_outbox_dedupe', columnNames: ['dedupe_key'], isUnique: true }));
    await runner.createIndex('outbox_messages', new TableIndex({ name: 'ix_outbox_state_next', columnNames: ['state', 'next_attempt_at'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('outbox_messages');
  }
}
