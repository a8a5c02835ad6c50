import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, TimeColumn } from '../../common/columns.js';
import type { Fen } from '@minqing/shared';

/**
 * proposed → (a leader and the designated approver) → approved → paying → wait_user_confirm → paid;
 * or refused by an approver, or failed/cancelled as WeChat Pay reports; or withdrawn by the office
 * before the worker confirmed: wait_user_confirm → cancelling → cancelled (or on to paid, when the
 * worker's confirmation reached WeChat Pay first). Amounts are whole fen.
 */
export type ReliefState = 'proposed' | 'refused' | 'approved' | 'paying' | 'wait_user_confirm' | 'cancelling' | 'paid' | 'failed' | 'cancelled';

@Index('uq_relief_out_bill_no', ['outBillNo'], { unique: true })
@Index('ix_relief_org_month', ['orgId', 'month'])
@Index('ix_relief_appeal', ['appealId'])
@Entity('relief_records')
export class ReliefRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @IdColumn({ name: 'org_id' })
  orgId: string;

  @IdColumn({ name: 'appeal_id' })
  appealId: string;

  /** The worker paid (the appeal's submitter). */
  @IdColumn({ name: 'worker_id' })
  workerId: string;

  /** Integer fen, never a fraction of one. */
  @Column({ name: 'amount_fen', type: 'integer' })
  amountFen: Fen;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ type: 'varchar', length: 24 })
  state: ReliefState;

  /** The month whose budget it counts against (the organisation's time zone). */
  @Column({ type: 'varchar', length: 7 })
  month: string;

  @IdColumn({ name: 'proposed_by' })
  proposedBy: string;

  @IdColumn({ name: 'leader_approved_by', nullable: true })
  leaderApprovedBy: string | null;

  @IdColumn({ name: 'approver_approved_by', nullable: true })
  approverApprovedBy: string | null;

  /** Derived from the record's id: the same record can only ever ask WeChat Pay for one transfer. */
  @Column({ name: 'out_bill_no', type: 'varchar', length: 32 })
  outBillNo: string;

  @Column({ name: 'transfer_bill_no', type: 'varchar', length: 64, nullable: true })
  transferBillNo: string | null;

  /** WeChat Pay's own state of the bill, as last heard. */
  @Column({ name: 'bill_state', type: 'varchar', length: 24, nullable: true })
  billState: string | null;

  /** What the worker's 领取 tap hands to wx.requestMerchantTransfer while the bill waits for them. */
  @Column({ name: 'package_info', type: 'text', nullable: true })
  packageInfo: string | null;

  @Column({ name: 'fail_reason', type: 'varchar', length: 255, nullable: true })
  failReason: string | null;

  @Column({ type: 'integer' })
  version: number;

  @TimeColumn({ name: 'created_at' })
  createdAt: Date;

  @TimeColumn({ name: 'updated_at' })
  updatedAt: Date;
}
