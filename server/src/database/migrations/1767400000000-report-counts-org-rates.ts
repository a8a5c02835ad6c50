// The month's counts keep each organisation's own rates rows (facet org_rates: the rates rows' facts without
// department and category, database/report-counts.ts), which the group's 红黑榜 reads instead of every
// department × category row of fifty mines. Rows kept before this change have none, so the counts are counted
// again from the appeals, with the same arithmetic, in this migration's transaction.
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { recountCounts } from '../report-counts.js';

export class ReportCountsOrgRates1767400000000 implements MigrationInterface {
  name = 'ReportCountsOrgRates1767400000000';

  async up(runner: QueryRunner): Promise<void> {
    await recountCounts(runner.manager);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query("DELETE FROM report_counts WHERE facet = 'org_rates'");
  }
}
