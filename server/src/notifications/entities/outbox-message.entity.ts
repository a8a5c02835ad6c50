import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, TimeColumn } from '../../common/columns.js';

/**
 * pending → sending → sent; or no_credit (the worker allowed no message of this template: the inbox and
 * the office's call queue carry it), or dead (WeChat refused it for good, or retries ran out).
 */
export type OutboxState = 'pending' | 'sending' | 'sent' | 'no_credit' | 'dead';

/** 'wechat': a subscription message to a person; 'robot': markdown to a department's 企业微信 group robot. */
export type OutboxChannel = 'wechat' | 'robot';

@Index('uq_outbox_dedupe', ['dedupeKey'], { unique: true })
@Index('ix_outbox_state_next', ['state', 'nextAttemptAt'])
@Entity('outbox_messages')
export class OutboxMessage {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @IdColumn({ name: 'org_id' })
  orgId: string;

  @Column({ type: 'varchar', length: 16, default: 'wechat' })
  channel: OutboxChannel;

  /** The person it goes to; none for a group robot. */
  @IdColumn({ name: 'user_id', nullable: true })
  userId: string | null;

  /** The recipient's openid, as WeChat knows them; for a group robot, its webhook key. */
  @Column({ type: 'varchar', length: 64 })
  touser: string;

  @IdColumn({ name: 'appeal_id', nullable: true })
  appealId: string | null;

  /** One event, one message: the same key twice is one row. */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 128 })
  dedupeKey: string;

  /** The subscription template ('' for a group robot). */
  @Column({ name: 'template_id', type: 'varchar', length: 64 })
  templateId: string;

  /** The mini-program page the message opens (for a robot, the link in its text). */
  @Column({ type: 'varchar', length: 255 })
  page: string;

  /** The template data, already fitted to WeChat's limits (JSON); for a robot, `{"markdown": "…"}`. */
  @Column({ type: 'text' })
  data: string;

  @Column({ type: 'varchar', length: 16 })
  state: OutboxState;

  /** The user's credit for this message was taken; a retry does not take another. */
  @Column({ name: 'credit_spent', type: 'boolean' })
  creditSpent: boolean;

  @Column({ type: 'integer' })
  attempts: number;

  @TimeColumn({ name: 'next_attempt_at' })
  nextAttemptAt: Date;

  /** While 'sending': if the sender dies, the row is taken again after this. */
  @TimeColumn({ name: 'lease_until', nullable: true })
  leaseUntil: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @TimeColumn({ name: 'created_at' })
  createdAt: Date;

  @TimeColumn({ name: 'sent_at', nullable: true })
  sentAt: Date | null;
}
