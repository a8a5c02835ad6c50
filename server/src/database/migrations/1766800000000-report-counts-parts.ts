// The month's counts count each department's own part of a co-handled appeal (主办/协办): the lead's row
// its own answer steps only, each co-handling department a 'part' row of its answer steps on the appeal
// (database/report-counts.ts). Telling them apart needs each step's department, so the reports' covering
// index of the steps (ix_appeal_steps_facts, read twice per transition) gains it; and the rows kept before
// counted every answer step in the lead's row, so they are counted again from the appeals, with the same
// arithmetic, in this migration's transaction.
import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { recountCounts } from '../report-counts.js';

const COLUMNS = ['appeal_id', 'step', 'cancelled_at', 'met_at', 'due_at', 'started_at'];

export class ReportCountsParts1766800000000 implements MigrationInterface {
  name = 'ReportCountsParts1766800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('appeal_steps', 'ix_appeal_steps_facts');
    await runner.createIndex('appeal_steps', new TableIndex({ name: 'ix_appeal_steps_facts', columnNames: [...COLUMNS, 'department_id'] }));
    await recountCounts(runner.manager);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('appeal_steps', 'ix_appeal_steps_facts');
    await runner.createIndex('appeal_steps', new TableIndex({ name: 'ix_appeal_steps_facts', columnNames: COLUMNS }));
    // The rows as this change counts them are still sums of what the appeals were: nothing else to undo.
  }
}
