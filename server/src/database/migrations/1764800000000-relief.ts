// Hardship relief paid through WeChat Pay: one row per proposal, through two approvals to
// the transfer bill's final state. Amounts are integer fen.
import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

export class Relief1764800000000 implements MigrationInterface {
  name = 'Relief1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createTable(
      new Table({
        name: 'relief_records',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'org_id', type: 'varchar', length: '36' },
          { name: 'appeal_id', type: 'varchar', length: '36' },
          { name: 'worker_id', type: 'varchar', length: '36' },
          { name: 'amount_fen', type: 'integer' },
          { name: 'reason', type: 'varchar', length: '500' },
          { name: 'state', type: 'varchar', length: '24' },
          { name: 'month', type: 'varchar', length: '7' },
          { name: 'proposed_by', type: 'varchar', length: '36' },
          { name: 'leader_approved_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'approver_approved_by', type: 'varchar', length: '36', isNullable: true },
          { name: 'out_bill_no', type: 'varchar', length: '32' },
          { name: 'transfer_bill_no', type: 'varchar', length: '64', isNullable: true },
          { name: 'bill_state', type: 'varchar', length: '24', isNullable: true },
          { name: 'package_info', type: 'text', isNullable: true },
          { name: 'fail_reason', type: 'varchar', length: '255', isNullable: true },
          { name: 'version', type: 'integer' },
          { name: 'created_at', type: 'datetime', precision: 3 },
          { name: 'updated_at', type: 'datetime', precision: 3 },
        ],
      }),
    );
    await runner.createIndex('relief_records', new TableIndex({ name: 'uq_relief_out_bill_no', columnNames: ['out_bill_no'], isUnique: true }));
    await runner.createIndex('relief_records', new TableIndex({ name: 'ix_relief_org_month', columnNames: ['org_id', 'month'] }));
    await runner.createIndex('relief_records', new TableIndex({ name: 'ix_relief_appeal', columnNames: ['appeal_id'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('relief_records');
  }
}
