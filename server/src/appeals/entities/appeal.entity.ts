import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AppealStatus, Identity, Outcome, Rating } from '@minqing/shared';
import { IdColumn, TimeColumn } from '../../common/columns.js';

@Index('uq_appeals_serial', ['serial'], { unique: true })
@Index('uq_appeals_submitter_key', ['submitterId', 'idempotencyKey'], { unique: true })
@Index('ix_appeals_submitter_created', ['submitterId', 'createdAt'])
// A month's appeals, and the Excel export's keyset pages in id order (migration 1765500000000; the shorter
// (org_id, month), (org_id, status) and (department_id, status) went in 1766220000000: prefixes of others).
@Index('ix_appeals_org_month_id', ['orgId', 'month', 'id'])
// The staff list's orders and filters (migration 1765700000000).
@Index('ix_appeals_org_created', ['orgId', 'createdAt', 'id'])
@Index('ix_appeals_org_status_created', ['orgId', 'status', 'createdAt', 'id'])
@Index('ix_appeals_org_month_created', ['orgId', 'month', 'createdAt', 'id'])
@Index('ix_appeals_org_due', ['orgId', 'dueAt', 'id'])
@Index('ix_appeals_department_created', ['departmentId', 'createdAt', 'id'])
@Index('ix_appeals_department_status_created', ['departmentId', 'status', 'createdAt', 'id'])
@Index('ix_appeals_department_supervised', ['departmentId', 'supervised', 'createdAt', 'id'])
@Index('ix_appeals_assignee_created', ['assigneeId', 'createdAt', 'id'])
@Index('ix_appeals_org_status_flags', ['orgId', 'status', 'callLogged', 'underReview', 'dueAt'])
@Index('ix_appeals_org_phone_tail', ['orgId', 'phoneTail'])
// The reports' covering indexes (reports module, migration 1765400000000): a month's figures from index entries alone.
@Index('ix_appeals_month_rates', ['orgId', 'month', 'departmentId', 'categoryId', 'status', 'outcome', 'rating', 'callLogged', 'supervised', 'reopenCount', 'id'])
@Index('ix_appeals_month_tally', ['orgId', 'month', 'status', 'outcome', 'placeId', 'repliedAt', 'createdAt'])
@Entity('appeals')
export class Appeal {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @IdColumn({ name: 'org_id' })
  orgId: string;

  /** Human number per organisation and month, e.g. CY202611-0042. */
  @Column({ type: 'varchar', length: 32 })
  serial: string;

  /** `YYYY-MM` in the organisation's zone at submission. */
  @Column({ type: 'varchar', length: 7 })
  month: string;

  @IdColumn({ name: 'category_id' })
  categoryId: string;

  @IdColumn({ name: 'place_id', nullable: true })
  placeId: string | null;

  @IdColumn({ name: 'submitter_id' })
  submitterId: string;

  @Column({ type: 'varchar', length: 16 })
  identity: Identity;

  @Column({ type: 'text' })
  content: string;

  @Column({ name: 'phone_enc', type: 'varchar', length: 255, nullable: true })
  phoneEnc: string | null;

  /** A keyed hash of the phone's last four digits (see phone-tail.ts), for the staff's search; null for anonymous appeals and appeals before it. */
  @Column({ name: 'phone_tail', type: 'varchar', length: 16, nullable: true })
  phoneTail: string | null;

  @Column({ name: 'publish_consent', type: 'boolean' })
  publishConsent: boolean;

  @Column({ type: 'varchar', length: 16 })
  status: AppealStatus;

  @Column({ type: 'boolean' })
  urgent: boolean;

  @Column({ type: 'varchar', length: 16, nullable: true })
  outcome: Outcome | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  rating: Rating | null;

  /** msg_sec_check said `review`: stored, and flagged for the office to look at. */
  @Column({ name: 'under_review', type: 'boolean' })
  underReview: boolean;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 64 })
  idempotencyKey: string;

  /** sha256 of the submitted body, to tell a retry from a different appeal under a reused key. */
  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash: string;

  /** The department the current dispatch sheet names (null before dispatch). */
  @IdColumn({ name: 'department_id', nullable: true })
  departmentId: string | null;

  @IdColumn({ name: 'assignee_id', nullable: true })
  assigneeId: string | null;

  /** When the department's answer is due (from the current sheet). */
  @TimeColumn({ name: 'due_at', nullable: true })
  dueAt: Date | null;

  /** A 'scheduled' answer's planned date; the appeal stays supervised until the plan is done. */
  @TimeColumn({ name: 'planned_at', nullable: true })
  plannedAt: Date | null;

  @Column({ type: 'boolean', default: false })
  supervised: boolean;

  @Column({ name: 'reopen_count', type: 'integer', default: 0 })
  reopenCount: number;

  @IdColumn({ name: 'merged_into_id', nullable: true })
  mergedIntoId: string | null;

  /** When the office replied; a replied appeal not rated within 7 days closes by itself. */
  @TimeColumn({ name: 'replied_at', nullable: true })
  repliedAt: Date | null;

  /**
   * A feedback call was logged since the reply; without one the appeal is in the office's call queue. A
   * merged appeal owes none until a reply reaches it: set from the merge (and while its primary is taken
   * up again), cleared by each reply.
   */
  @Column({ name: 'call_logged', type: 'boolean', default: false })
  callLogged: boolean;

  /** A department's pending request to move the answer's deadline, until a leader decides. */
  @TimeColumn({ name: 'extension_until', nullable: true })
  extensionUntil: Date | null;

  @Column({ name: 'extension_reason', type: 'text', nullable: true })
  extensionReason: string | null;

  /** Optimistic version: every change is `UPDATE … WHERE version = ?`, so a stale write changes nothing. */
  @Column({ type: 'integer' })
  version: number;

  @TimeColumn({ name: 'created_at' })
  createdAt: Date;

  @TimeColumn({ name: 'updated_at' })
  updatedAt: Date;
}
