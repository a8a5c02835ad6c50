import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, TimeColumn } from '../../common/columns.js';

@Index('uq_organizations_code', ['code'], { unique: true })
@Entity('organizations')
export class Organization {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** Short code used in stickers and URLs, e.g. `cy`. */
  @Column({ type: 'varchar', length: 24 })
  code: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 64 })
  slogan: string;

  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone: string;

  @IdColumn({ name: 'parent_id', nullable: true })
  parentId: string | null;

  /** JSON of the organisation's settings, in sections (org-settings.ts); written only through OrgSettingsRepository. */
  @Column({ type: 'text', nullable: true })
  settings: string | null;

  @TimeColumn({ name: 'created_at' })
  createdAt: Date;
}
