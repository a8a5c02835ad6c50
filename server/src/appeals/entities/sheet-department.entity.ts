import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, TimeColumn } from '../../common/columns.js';

/**
 * 协办: a co-handling department a dispatch sheet names besides its lead (主办, the sheet's own
 * department), one row per sheet version; `active` on the rows of the sheet in force only. Its part of
 * the answer (协办意见) is kept on the row, and carried to the next version while the department stays on it.
 */
@Index('uq_sheet_departments_version', ['appealId', 'sheetVersion', 'departmentId'], { unique: true })
@Index('ix_sheet_departments_appeal', ['appealId', 'active'])
// A department's 协办 queue: its active rows, then the appeals by id.
@Index('ix_sheet_departments_queue', ['departmentId', 'active', 'appealId'])
@Entity('sheet_departments')
export class SheetDepartment {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @IdColumn({ name: 'appeal_id' })
  appealId: string;

  @IdColumn({ name: 'org_id' })
  orgId: string;

  @Column({ name: 'sheet_version', type: 'integer' })
  sheetVersion: number;

  @IdColumn({ name: 'department_id' })
  departmentId: string;

  /** On the sheet in force (false once a newer sheet or a 退单 replaced it). */
  @Column({ type: 'boolean' })
  active: boolean;

  /** 协办意见: the department's part of the answer. */
  @Column({ type: 'text', nullable: true })
  answer: string | null;

  @IdColumn({ name: 'answered_by', nullable: true })
  answeredBy: string | null;

  @TimeColumn({ name: 'answered_at', nullable: true })
  answeredAt: Date | null;

  @TimeColumn({ name: 'created_at' })
  createdAt: Date;
}
