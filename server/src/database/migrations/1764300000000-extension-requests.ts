// A department's pending request to move the answer's deadline, until a leader decides.
import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

export class ExtensionRequests1764300000000 implements MigrationInterface {
  name = 'ExtensionRequests1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumns('appeals', [
      new TableColumn({ name: 'extension_until', type: 'datetime', precision: 3, isNullable: true }),
      new TableColumn({ name: 'extension_reason', type: 'text', isNullable: true }),
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumns('appeals', ['extension_until', 'extension_reason']);
  }
}
