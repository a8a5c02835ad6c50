import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, TimeColumn } from '../../common/columns.js';

export type StepActionKind = 'reminder' | 'escalation';

/** A reminder or an escalation rung of a step, scheduled when the step opens; done exactly once. */
@Index('uq_step_actions_step_kind_rung', ['stepId', 'kind', 'rung'], { unique: true })
@Index('ix_step_actions_due', ['doneAt', 'cancelledAt', 'runAt'])
@Entity('step_actions')
export class StepAction {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @IdColumn({ name: 'step_id' })
  stepId: string;

  @IdColumn({ name: 'appeal_id' })
  appealId: string;

  @IdColumn({ name: 'org_id' })
  orgId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: StepActionKind;

  /** Reminders: 1, 2 …; escalations: 1 head, 2 leader in charge, 3 party secretary. */
  @Column({ type: 'integer' })
  rung: number;

  @TimeColumn({ name: 'run_at' })
  runAt: Date;

  @TimeColumn({ name: 'done_at', nullable: true })
  doneAt: Date | null;

  @TimeColumn({ name: 'cancelled_at', nullable: true })
  cancelledAt: Date | null;
}
