import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { DeadlineStep } from '@minqing/shared';
import { IdColumn, TimeColumn } from '../../common/columns.js';

/** One step of an appeal with its due time: met, cancelled (superseded), or still open. */
@Index('ix_appeal_steps_appeal', ['appealId', 'step'])
@Index('ix_appeal_steps_org_due', ['orgId', 'dueAt'])
// Open steps by organisation and due time: which are past due when a month's figures are asked for (reports, migration 1766210000000).
@Index('ix_appeal_steps_open', ['orgId', 'metAt', 'cancelledAt', 'dueAt', 'step', 'appealId'])
// The reports' (migration 1765400000000; the department, to tell a co-handling department's part from the lead's answer: 1766800000000).
@Index('ix_appeal_steps_facts', ['appealId', 'step', 'cancelledAt', 'metAt', 'dueAt', 'startedAt', 'departmentId'])
@Entity('appeal_steps')
export class AppealStep {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @IdColumn({ name: 'appeal_id' })
  appealId: string;

  @IdColumn({ name: 'org_id' })
  orgId: string;

  @Column({ type: 'varchar', length: 16 })
  step: DeadlineStep;

  /** The department responsible (acknowledge, answer, plan); null for the office's and leaders' steps. */
  @IdColumn({ name: 'department_id', nullable: true })
  departmentId: string | null;

  @TimeColumn({ name: 'started_at' })
  startedAt: Date;

  @TimeColumn({ name: 'due_at' })
  dueAt: Date;

  @TimeColumn({ name: 'met_at', nullable: true })
  metAt: Date | null;

  @TimeColumn({ name: 'cancelled_at', nullable: true })
  cancelledAt: Date | null;

  /** 特事特办: its reminders ignore quiet hours. */
  @Column({ type: 'boolean' })
  urgent: boolean;
}
