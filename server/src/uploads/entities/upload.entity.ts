import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, TimeColumn } from '../../common/columns.js';

/** What an upload is: a photo, or a voice note (语音) said in place of typing. */
export type UploadKind = 'photo' | 'voice';

/** A photo (re-encoded, with EXIF removed) or a voice note (as recorded, its type checked by its bytes), uploaded before the appeal that carries it. */
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

  /** The 补充说明 (a timeline line) a voice note was said in; null for the appeal's own. */
  @IdColumn({ name: 'event_id', nullable: true })
  eventId: string | null;

  @Column({ type: 'varchar', length: 8, default: 'photo' })
  kind: UploadKind;

  @Column({ type: 'varchar', length: 32 })
  mime: string;

  @Column({ type: 'integer' })
  size: number;

  /** A voice note's length; null for a photo. */
  @Column({ name: 'duration_ms', type: 'integer', nullable: true })
  durationMs: number | null;

  /** A photo's size in pixels; 0 for a voice note. */
  @Column({ type: 'integer' })
  width: number;

  @Column({ type: 'integer' })
  height: number;

  @Column({ name: 'storage_key', type: 'varchar', length: 128 })
  storageKey: string;

  @TimeColumn({ name: 'created_at' })
  createdAt: Date;
}
