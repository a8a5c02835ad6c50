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
}
