import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, TimeColumn } from '../../common/columns.js';

/** 批办单: one version per issue or amendment of an appeal's dispatch; earlier versions are kept. */
@Index('uq_dispatch_sheets_appeal_version', ['appealId', 'version'], { unique: true })
@Entity('dispatch_sheets')
export class DispatchSheet {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @IdColumn({ name: 'appeal_id' })
  appealId: string;

  @IdColumn({ name: 'org_id' })
  orgId: string;

  @Column({ type: 'integer' })
  version: number;

  @IdColumn({ name: 'department_id' })
  departmentId: string;

  @IdColumn({ name: 'assignee_id', nullable: true })
  assigneeId: string | null;

  /** 批示: the leader's instructions. */
  @Column({ type: 'text' })
  instructions: string;

  /** 办结措施 expected. */
  @Column({ type: 'text', nullable: true })
  measures: string | null;

  @TimeColumn({ name: 'due_at' })
  dueAt: Date;

  /** Why the deadline differs from the category's policy, when it does. */
  @Column({ name: 'due_reason', type: 'text', nullable: true })
  dueReason: string | null;

  @IdColumn({ name: 'issued_by' })
  issuedBy: string;

  @Column({ name: 'issued_role', type: 'varchar', length: 16 })
  issuedRole: string;

  @TimeColumn({ name: 'created_at' })
  createdAt: Date;
}
