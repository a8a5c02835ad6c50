// The office's requests to see a confidential worker's contact: each with its reason, the second
// person's decision and how long an approval lasts.
import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

export class RevealRequests1765000000000 implements MigrationInterface {
  name = 'RevealRequests1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'reveal_requests',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'org_id', type: 'varchar', length: '36' },
          { name: 'appeal_id', type: 'varchar', length: '36' },
          { name: 'requested_by', type: 'varchar', length: '36' },
          { name: 'reason', type: 'varchar', length: '200' },
          { name: 'state', type: 'varchar', length: '16' },
          { name: 'decided_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'decided_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'expires_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'used_at', type: 'datetime', precision: 3, isNullable: true },
          { name: 'created_at', type: 'datetime', precision: 3 },
        ],
      }),
    );
    await runner.createIndex('reveal_requests', new TableIndex({ name: 'ix_reveal_appeal', columnNames: ['appeal_id'] }));
    await runner.createIndex('reveal_requests', new TableIndex({ name: 'ix_reveal_org_state', columnNames: ['org_id', 'state'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('reveal_requests');
  }
}
