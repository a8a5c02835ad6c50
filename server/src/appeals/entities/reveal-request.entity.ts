import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, TimeColumn } from '../../common/columns.js';

/** pending → approved (until `expiresAt`) or refused, by a second person; never by the requester. */
export type RevealState = 'pending' | 'approved' | 'refused';

/** The office's request to see a confidential worker's contact, with its reason and its decision. */
@Index('ix_reveal_appeal', ['appealId'])
@Index('ix_reveal_org_state', ['orgId', 'state'])
@Entity('reveal_requests')
export class RevealRequest {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @IdColumn({ name: 'org_id' })
  orgId: string;

  @IdColumn({ name: 'appeal_id' })
  appealId: string;

  @IdColumn({ name: 'requested_by' })
  requestedBy: string;

  @Column({ type: 'varchar', length: 200 })
  reason: string;

  @Column({ type: 'varchar', length: 16 })
  state: RevealState;

  @IdColumn({ name: 'decided_by', nullable: true })
  decidedBy: string | null;

  @TimeColumn({ name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  /** An approval is good until then. */
  @TimeColumn({ name: 'expires_at', nullable: true })
  expiresAt: Date | null;

  /** The first time the requester read the contact (each read is in the audit log). */
  @TimeColumn({ name: 'used_at', nullable: true })
  usedAt: Date | null;

  @TimeColumn({ name: 'created_at' })
  createdAt: Date;
}
