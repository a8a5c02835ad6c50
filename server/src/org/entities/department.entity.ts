import { Column, Entity, PrimaryColumn } from 'typeorm';
import { IdColumn } from '../../common/columns.js';

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
}
