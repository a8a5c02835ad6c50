// Merged appeals join the office's call queue once the reply given on the appeal they were merged into
// reaches them (workflow/merged-appeals.ts). The queue reads (status, call_logged) off the covering
// index ix_appeals_org_status_flags, so a merged appeal with no reply yet owes no call: call_logged
// stands set until its first reply clears it. The appeals merged before this change had none.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MergedCallFlag1766400000000 implements MigrationInterface {
  name = 'MergedCallFlag1766400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query("UPDATE appeals SET call_logged = 1 WHERE status = 'merged' AND replied_at IS NULL");
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query("UPDATE appeals SET call_logged = 0 WHERE status = 'merged' AND replied_at IS NULL");
  }
}
