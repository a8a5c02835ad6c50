// The first schema, written with TypeORM's schema API so one migration serves SQLite and MySQL/MariaDB.
import { Table, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

const id = (name = 'id', options: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  ...options,
});
const pk = (): TableColumnOptions => id('id', { isPrimary: true });
const ref = (name: string, nullable = false): TableColumnOptions => id(name, { isNullable: nullable });
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const int = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable });
const bool = (name: string): TableColumnOptions => ({ name, type: 'boolean' });
const time = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'datetime',
  precision: 3,
  isNullable: nullable,
});

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    const tables: Array<[Table, TableIndex[]]> = [
      [
        new Table({
          name: 'organizations',
          columns: [pk(), str('code', 24), str('name', 64), str('slogan', 64), str('time_zone', 64), ref('parent_id', true), time('created_at')],
        }),
        [new TableIndex({ name: 'uq_organizations_code', columnNames: ['code'], isUnique: true })],
      ],
      [
        new Table({ name: 'places', columns: [pk(), ref('org_id'), str('code', 24), str('name', 64), str('kind', 16), int('position')] }),
        [new TableIndex({ name: 'uq_places_org_code', columnNames: ['org_id', 'code'], isUnique: true })],
      ],
      [
        new Table({ name: 'departments', columns: [pk(), ref('org_id'), str('code', 24), str('name', 64)] }),
        [new TableIndex({ name: 'uq_departments_org_code', columnNames: ['org_id', 'code'], isUnique: true })],
      ],
      [
        new Table({
          name: 'categories',
          columns: [pk(), ref('org_id'), str('code', 24), str('name', 32), int('position'), ref('default_department_id', true)],
        }),
        [new TableIndex({ name: 'uq_categories_org_code', columnNames: ['org_id', 'code'], isUnique: true })],
      ],
      [
        new Table({
          name: 'users',
          columns: [
            pk(),
            str('openid', 64),
            ref('org_id', true),
            str('name', 32, true),
            str('unit', 64, true),
            str('phone_enc', 255, true),
            time('created_at'),
            time('updated_at'),
          ],
        }),
        [new TableIndex({ name: 'uq_users_openid', columnNames: ['openid'], isUnique: true })],
      ],
      [
        new Table({
          name: 'staff_roles',
          columns: [pk(), ref('user_id'), ref('org_id'), str('role', 16), ref('department_id', true), bool('is_head'), bool('is_secretary'), time('created_at')],
        }),
        [
          new TableIndex({ name: 'uq_staff_roles_user_role', columnNames: ['user_id', 'role'], isUnique: true }),
          new TableIndex({ name: 'ix_staff_roles_org_role', columnNames: ['org_id', 'role'] }),
        ],
      ],
      [
        new Table({
          name: 'appeals',
          columns: [
            pk(),
            ref('org_id'),
            str('serial', 32),
            str('month', 7),
            ref('category_id'),
            ref('place_id', true),
            ref('submitter_id'),
            str('identity', 16),
            text('content'),
            str('phone_enc', 255, true),
            bool('publish_consent'),
            str('status', 16),
            bool('urgent'),
            str('outcome', 16, true),
            str('rating', 16, true),
            bool('under_review'),
            str('idempotency_key', 64),
            str('request_hash', 64),
            int('version'),
            time('created_at'),
            time('updated_at'),
          ],
        }),
        [
          new TableIndex({ name: 'uq_appeals_serial', columnNames: ['serial'], isUnique: true }),
          new TableIndex({ name: 'uq_appeals_submitter_key', columnNames: ['submitter_id', 'idempotency_key'], isUnique: true }),
          new TableIndex({ name: 'ix_appeals_submitter_created', columnNames: ['submitter_id', 'created_at'] }),
          new TableIndex({ name: 'ix_appeals_org_status', columnNames: ['org_id', 'status'] }),
          new TableIndex({ name: 'ix_appeals_org_month', columnNames: ['org_id', 'month'] }),
        ],
      ],
      [
        new Table({
          name: 'appeal_events',
          columns: [
            pk(),
            ref('appeal_id'),
            ref('org_id'),
            str('type', 32),
            ref('actor_id', true),
            str('actor_role', 16),
            text('text', true),
            bool('visible_to_worker'),
            text('data', true),
            time('created_at'),
          ],
        }),
        [new TableIndex({ name: 'ix_appeal_events_appeal', columnNames: ['appeal_id', 'created_at'] })],
      ],
      [
        new Table({
          name: 'serial_counters',
          columns: [{ name: 'org_id', type: 'varchar', length: '36', isPrimary: true }, { name: 'month', type: 'varchar', length: '7', isPrimary: true }, int('last_value')],
        }),
        [],
      ],
      [
        new Table({
          name: 'uploads',
          columns: [
            pk(),
            ref('owner_id'),
            ref('appeal_id', true),
            int('position', true),
            str('mime', 32),
            int('size'),
            int('width'),
            int('height'),
            str('storage_key', 128),
            time('created_at'),
          ],
        }),
        [new TableIndex({ name: 'ix_uploads_owner', columnNames: ['owner_id'] }), new TableIndex({ name: 'ix_uploads_appeal', columnNames: ['appeal_id'] })],
      ],
      [
        new Table({
          name: 'subscription_credits',
          columns: [
            { name: 'user_id', type: 'varchar', length: '36', isPrimary: true },
            { name: 'template_id', type: 'varchar', length: '64', isPrimary: true },
            int('credits'),
            time('updated_at'),
          ],
        }),
        [],
      ],
      [
        new Table({
          name: 'notices',
          columns: [pk(), ref('user_id'), ref('appeal_id', true), str('title', 64), str('body', 500), time('read_at', true), time('created_at')],
        }),
        [new TableIndex({ name: 'ix_notices_user_created', columnNames: ['user_id', 'created_at'] })],
      ],
    ];
    for (const [table, indices] of tables) {
      await runner.createTable(table);
      for (const index of indices) await runner.createIndex(table, index);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const name of [
      'notices',
      'subscription_credits',
      'uploads',
      'serial_counters',
      'appeal_events',
      'appeals',
      'staff_roles',
      'users',
      'categories',
      'departments',
      'places',
      'organizations',
    ]) {
      await runner.dropTable(name);
    }
  }
}
