// Indexes that let a month's figures, the dashboard and the group's 红黑榜 be read from index entries
// alone, whatever the size of the month (the plans are in server/test/plans/):
// - the rates' per-appeal columns after (org_id, month), the id last: the rates' scan never visits a row;
// - status, outcome, place and the two times after (org_id, month): the tallies, the reply times and the
//   核减 and candidate lists;
// - a step's kind and times after its appeal: each appeal's triage and answer steps counted without a row;
// - an event's type after its appeal: its answers and returns counted, its latest reason found at once.
import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const INDEXES: Array<[string, TableIndex]> = [
  [
    'appeals',
    new TableIndex({
      name: 'ix_appeals_month_rates',
      columnNames: ['org_id', 'month', 'department_id', 'category_id', 'status', 'outcome', 'rating', 'call_logged', 'supervised', 'reopen_count', 'id'],
    }),
  ],
  ['appeals', new TableIndex({ name: 'ix_appeals_month_tally', columnNames: ['org_id', 'month', 'status', 'outcome', 'place_id', 'replied_at', 'created_at'] })],
  ['appeal_steps', new TableIndex({ name: 'ix_appeal_steps_facts', columnNames: ['appeal_id', 'step', 'cancelled_at', 'met_at', 'due_at', 'started_at'] })],
  ['appeal_events', new TableIndex({ name: 'ix_appeal_events_type', columnNames: ['appeal_id', 'type', 'created_at'] })],
];

export class ReportIndexes1765400000000 implements MigrationInterface {
  name = 'ReportIndexes1765400000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const [table, index] of INDEXES) await runner.createIndex(table, index);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const [table, index] of [...INDEXES].reverse()) await runner.dropIndex(table, index.name!);
  }
}
