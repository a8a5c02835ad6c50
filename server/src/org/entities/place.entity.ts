import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, TimeColumn } from '../../common/columns.js';
import type { PlaceKind } from '@minqing/shared';

export type { PlaceKind };

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

  /** How often its sticker was scanned (the link's landing and the mini-program code's scene). */
  @Column({ name: 'scan_count', type: 'integer', default: 0 })
  scanCount: number;

  /** Taken down: no longer offered on the form or printed, kept for the appeals that name it. */
  @TimeColumn({ name: 'archived_at', nullable: true })
  archivedAt: Date | null;
}
