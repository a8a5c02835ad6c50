import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, TimeColumn } from '../../common/columns.js';

/** A photo uploaded before the appeal that carries it; re-encoded, with EXIF removed. */
@Index('ix_uploads_owner', ['ownerId'])
@Index('ix_uploads_appeal', ['appealId'])
@Entity('uploads')
export class Upload {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @IdColumn({ name: 'owner_id' })
  ownerId: string;

  @IdColumn({ name: 'appeal_id', nullable: true })
  appealId: string | null;

  @Column({ type: 'integer', nullable: true })
  position: number | null;

  @Column({ type: 'varchar', length: 32 })
  mime: string;

  @Column({ type: 'integer' })
  size: number;

  @Column({ type: 'integer' })
  width: number;

  @Column({ type: 'integer' })
  height: number;

  @Column({ name: 'storage_key', type: 'varchar', length: 128 })
  storageKey: string;

  @TimeColumn({ name: 'created_at' })
  createdAt: Date;
}
