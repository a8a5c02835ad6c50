// Voice notes (语音) are uploads like photos, told apart by their kind; a voice note keeps its length, and one said in
// a 补充说明 the timeline line it belongs to.
import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

export class VoiceNotes1766700000000 implements MigrationInterface {
  name = 'VoiceNotes1766700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumn('uploads', new TableColumn({ name: 'kind', type: 'varchar', length: '8', default: "'photo'" }));
    await runner.addColumn('uploads', new TableColumn({ name: 'duration_ms', type: 'integer', isNullable: true }));
    await runner.addColumn('uploads', new TableColumn({ name: 'event_id', type: 'varchar', length: '36', isNullable: true }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('uploads', 'event_id');
    await runner.dropColumn('uploads', 'duration_ms');
    await runner.dropColumn('uploads', 'kind');
  }
}
