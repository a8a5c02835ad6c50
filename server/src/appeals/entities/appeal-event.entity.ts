import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { TimelineEventType } from '@minqing/shared';
import { IdColumn, TimeColumn } from '../../common/columns.js';

/** One immutable line of an appeal's timeline, written in the same transaction as the change it records. */
@Index('ix_appeal_events_appeal', ['appealId', 'createdAt'])
@Index('ix_appeal_events_type', ['appealId', 'type', 'createdAt']) // the reports' (migration 1765400000000)
@Entity('appeal_events')
export class AppealEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @IdColumn({ name: 'appeal_id' })
  appealId: string;

  @IdColumn({ name: 'org_id' })
  orgId: string;

  @Column({ type: 'varchar', length: 32 })
  type: TimelineEventType;

  @IdColumn({ name: 'actor_id', nullable: true })
  actorId: string | null;

  /** 'owner' for the worker, a staff role, or 'system'. */
  @Column({ name: 'actor_role', type: 'varchar', length: 16 })
  actorRole: string;

  @Column({ type: 'text', nullable: true })
  text: string | null;

  @Column({ name: 'visible_to_worker', type: 'boolean' })
  visibleToWorker: boolean;

  /** Structured data of the event (JSON), e.g. a dispatch sheet. */
  @Column({ type: 'text', nullable: true })
  data: string | null;

  @TimeColumn({ name: 'created_at' })
  createdAt: Date;
}
