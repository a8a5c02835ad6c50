import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Role } from '@minqing/shared';
import { IdColumn, TimeColumn } from '../../common/columns.js';

/** A role a person holds in one organisation; a handler belongs to one department. */
@Index('uq_staff_roles_user_role', ['userId', 'role'], { unique: true })
@Index('ix_staff_roles_org_role', ['orgId', 'role'])
@Entity('staff_roles')
export class StaffRole {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @IdColumn({ name: 'user_id' })
  userId: string;

  @IdColumn({ name: 'org_id' })
  orgId: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @IdColumn({ name: 'department_id', nullable: true })
  departmentId: string | null;

  /** Head of the department (handlers) — first rung of escalation. */
  @Column({ name: 'is_head', type: 'boolean' })
  isHead: boolean;

  /** The party secretary (leaders) — urgent cases go straight to them. */
  @Column({ name: 'is_secretary', type: 'boolean' })
  isSecretary: boolean;

  @TimeColumn({ name: 'created_at' })
  createdAt: Date;
}
