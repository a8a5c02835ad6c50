// Organisation setup: scans counted per place, places taken down without losing their
// history, and the audit log of every administrative change.
import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

export class OrgAdmin1764700000000 implements MigrationInterface {
  name = 'OrgAdmin1764700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumn('places', new TableColumn({ name: 'scan_count', type: 'integer', default: 0 }));
    await runner.addColumn('places', new TableColumn({ name: 'archived_at', type: 'datetime', precision: 3, isNullable: true }));
    await runner.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'org_id', type: 'varchar', length: '36' },
          { name: 'actor_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'action', type: 'varchar', length: '48' },
          { name: 'entity', type: 'varchar', length: '32' },
          { name: 'entity_key', type: 'varchar', length: '64', isNullable: true },
          { name: 'before', type: 'text', isNullable: true },
          { name: 'after', type: 'text', isNullable: true },
          { name: 'created_at', type: 'datetime', precision: 3 },
        ],
      }),
    );
    await runner.createIndex('audit_log', new TableIndex({ name: 'ix_audit_org_created', columnNames: ['org_id', 'created_at'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('audit_log');
    await runner.dropColumn('places', 'archived_at');
    await runner.dropColumn('places', 'scan_count');
  }
}
