import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn } from '../../common/columns.js';

@Index('uq_departments_org_code', ['orgId', 'code'], { unique: true })
@Entity('departments')
export class Department {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @IdColumn({ name: 'org_id' })
  orgId: string;

  @Column({ type: 'varchar', length: 24 })
  code: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  /** The mine leader in charge of the department (分管领导): the second rung of escalation. */
  @IdColumn({ name: 'leader_id', nullable: true })
  leaderId: string | null;

  /** The key of the department's 企业微信 group robot webhook; staff news goes there when the organisation turns it on. */
  @Column({ name: 'robot_key', type: 'varchar', length: 64, nullable: true })
  robotKey: string | null;
}
