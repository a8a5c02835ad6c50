import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn } from '../../common/columns.js';

@Index('uq_categories_org_code', ['orgId', 'code'], { unique: true })
@Entity('categories')
export class Category {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @IdColumn({ name: 'org_id' })
  orgId: string;

  @Column({ type: 'varchar', length: 24 })
  code: string;

  @Column({ type: 'varchar', length: 32 })
  name: string;

  @Column({ type: 'integer' })
  position: number;

  @IdColumn({ name: 'default_department_id', nullable: true })
  defaultDepartmentId: string | null;

  /** The office may dispatch this category itself (standing rule), without a leader's sheet. */
  @Column({ name: 'standing_rule', type: 'boolean', default: false })
  standingRule: boolean;

  /** Default time for the department's answer, from dispatch (the organisation's deadline policy decides the other steps). */
  @Column({ name: 'answer_hours', type: 'integer', default: 72 })
  answerHours: number;
}
