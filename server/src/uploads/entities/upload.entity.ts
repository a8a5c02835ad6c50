import { Column, Entity, PrimaryColumn } from 'typeorm';
import { IdColumn, TimeColumn } from '../../common/columns.js';

/** A photo uploaded before the appeal that carries it; re-encoded, with EXIF removed. */
@Entity('uploads')
export class Upload {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @IdColumn({ name: 'owner_id' })
  ownerId: string;

  @IdColumn({ name: 'appeal_id', nullable: true })
  appealId: string | null;

  @Column({ type: 'int', nullable: true })
  position: number | null;

  @Column({ type: 'varchar', length: 32 })
  mime: string;

  @Column({ type: 'int' })
  size: number;

  @Column({ type: 'int' })
  width: number;

  @Column({ type: 'int' })
  height: number;

  @Column({ name: 'storage_key', type: 'varchar', length: 128 })
  storageKey: string;

  @TimeColumn({ name: 'created_at' })
  createdAt: Date;
}
