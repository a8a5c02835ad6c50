import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, TimeColumn } from '../../common/columns.js';

/** Anyone who logged in through the mini-program; staff additionally hold StaffRole rows. */
@Index('uq_users_openid', ['openid'], { unique: true })
@Entity('users')
export class User {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  openid: string;

  /** The organisation the person belongs to: set when staff are seeded or bound, or at a worker's first appeal. */
  @IdColumn({ name: 'org_id', nullable: true })
  orgId: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  name: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  unit: string | null;

  /** Encrypted at rest (AES-256-GCM, see crypto/field-cipher.ts). */
  @Column({ name: 'phone_enc', type: 'varchar', length: 255, nullable: true })
  phoneEnc: string | null;

  /** Signed into every token; raised by logging out or losing a role, so every earlier token stops working. */
  @Column({ name: 'token_version', type: 'integer', default: 0 })
  tokenVersion: number;

  @TimeColumn({ name: 'created_at' })
  createdAt: Date;

  @TimeColumn({ name: 'updated_at' })
  updatedAt: Date;
}
