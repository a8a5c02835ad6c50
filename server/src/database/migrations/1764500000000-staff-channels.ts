// Staff notifications: the outbox also carries 企业微信 group-robot messages, which have no
// user and no credit, and each department may name its group robot.
import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

export class StaffChannels1764500000000 implements MigrationInterface {
  name = 'StaffChannels1764500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumn('outbox_messages', new TableColumn({ name: 'channel', type: 'varchar', length: '16', default: "'wechat'" }));
    await runner.changeColumn('outbox_messages', 'user_id', new TableColumn({ name: 'user_id', type: 'varchar', length: '36', isNullable: true }));
    await runner.addColumn('departments', new TableColumn({ name: 'robot_key', type: 'varchar', length: '64', isNullable: true }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('departments', 'robot_key');
    await runner.query("DELETE FROM outbox_messages WHERE channel <> 'wechat'");
    await runner.changeColumn('outbox_messages', 'user_id', new TableColumn({ name: 'user_id', type: 'varchar', length: '36' }));
    await runner.dropColumn('outbox_messages', 'channel');
  }
}
