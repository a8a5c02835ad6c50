import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn } from '../../common/columns.js';

export const PLACE_KINDS = ['dormitory', 'canteen', 'bathhouse', 'office', 'team', 'other'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** Where a sticker hangs. */
@Index('uq_places_org_code', ['orgId', 'code'], { unique: true })
@Entity('places')
export class Place {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @IdColumn({ name: 'org_id' })
  orgId: string;

  @Column({ type: 'varchar', length: 24 })
  code: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  kind: PlaceKind;

  @Column({ type: 'integer' })
  position: number;
}
