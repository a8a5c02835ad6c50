// Deadlines that act: each step of an appeal with its due time, and the reminders and
// escalations scheduled for it — rows a runner takes one at a time, so each is sent exactly once.
import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = (name: string, nullable = false) => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const time = (name: string, nullable = false) => ({ name, type: 'datetime', precision: 3, isNullable: nullable });

export class Deadlines1764200000000 implements MigrationInterface {
  name = 'Deadlines1764200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumn('organizations', new TableColumn({ name: 'settings', type: 'text', isNullable: true }));
    await runner.addColumn('departments', new TableColumn({ name: 'leader_id', type: 'varchar', length: '36', isNullable: true }));
    await runner.createTable(
      new Table({
        name: 'appeal_steps',
        columns: [
          { ...id('id'), isPrimary: true },
          id('appeal_id'),
          id('org_id'),
          { name: 'step', type: 'varchar', length: '16' },
          id('department_id', true),
          time('started_at'),
          time('due_at'),
          time('met_at', true),
          time('cancelled_at', true),
          { name: 'urgent', type: 'boolean' },
        ],
      }),
    );
    await runner.createIndex('appeal_steps', new TableIndex({ name: 'ix_appeal_steps_appeal', columnNames: ['appeal_id', 'step'] }));
    await runner.createIndex('appeal_steps', new TableIndex({ name: 'ix_appeal_steps_org_due', columnNames: ['org_id', 'due_at'] }));
    await runner.createTable(
      new Table({
        name: 'step_actions',
        columns: [
          { ...id('id'), isPrimary: true },
          id('step_id'),
          id('appeal_id'),
          id('org_id'),
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'rung', type: 'integer' },
          time('run_at'),
          time('done_at', true),
          time('cancelled_at', true),
        ],
      }),
    );
    await runner.createIndex('step_actions', new TableIndex({ name: 'uq_step_actions_step_kind_rung', columnNames: ['step_id', 'kind', 'rung'], isUnique: true }));
    await runner.createIndex('step_actions', new TableIndex({ name: 'ix_step_actions_due', columnNames: ['done_at', 'cancelled_at', 'run_at'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('step_actions');
    await runner.dropTable('appeal_steps');
    await runner.dropColumn('departments', 'leader_id');
    await runner.dropColumn('organizations', 'settings');
  }
}
