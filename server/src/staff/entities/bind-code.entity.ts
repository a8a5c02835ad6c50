import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '@minqing/shared';
import { IdColumn, TimeColumn } from '../../common/columns.js';

/** A one-time code an admin issues to bind a person to a staff role (72 hours, single use). */
@Entity('bind_codes')
export class BindCode {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code: string;

  @IdColumn({ name: 'org_id' })
  orgId: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @IdColumn({ name: 'department_id', nullable: true })
  departmentId: string | null;

  @Column({ name: 'is_head', type: 'boolean' })
  isHead: boolean;

  @Column({ name: 'is_secretary', type: 'boolean' })
  isSecretary: boolean;

  @IdColumn({ name: 'created_by' })
  createdBy: string;

  @TimeColumn({ name: 'expires_at' })
  expiresAt: Date;

  @IdColumn({ name: 'used_by', nullable: true })
  usedBy: string | null;

  @TimeColumn({ name: 'used_at', nullable: true })
  usedAt: Date | null;

  @TimeColumn({ name: 'created_at' })
  createdAt: Date;
}
