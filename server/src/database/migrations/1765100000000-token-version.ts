// Tokens that logging out or losing a staff role revokes: each user's token version, signed into
// every token and compared by the guard with the row it loads anyway.
import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

export class TokenVersion1765100000000 implements MigrationInterface {
  name = 'TokenVersion1765100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumn('users', new TableColumn({ name: 'token_version', type: 'integer', default: 0 }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('users', 'token_version');
  }
}
