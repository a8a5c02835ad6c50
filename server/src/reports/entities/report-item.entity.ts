import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn } from '../../common/columns.js';

/**
 * One resolved appeal in a report's public list, as the office curates it: only the public summary
 * the office wrote or approved, the category, a place (or 其他), the outcome, the department and the
 * days taken — never a name, a phone or the worker's own words. Items the office drops stay here,
 * marked, so a later version can bring them back.
 */
@Index('ix_report_items_report', ['reportId', 'position'])
@Entity('report_items')
export class ReportItem {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @IdColumn({ name: 'report_id' })
  reportId: string;

  @Column({ type: 'integer' })
  position: number;

  @IdColumn({ name: 'appeal_id' })
  appealId: string;

  @Column({ type: 'varchar', length: 32 })
  serial: string;

  @Column({ name: 'category_name', type: 'varchar', length: 64 })
  categoryName: string;

  /** The place, or 其他 when fewer than three appeals of the month came from it. */
  @Column({ name: 'place_name', type: 'varchar', length: 64 })
  placeName: string;

  @Column({ type: 'varchar', length: 16 })
  outcome: string;

  @Column({ name: 'department_name', type: 'varchar', length: 64, nullable: true })
  departmentName: string | null;

  @Column({ name: 'days_taken', type: 'integer' })
  daysTaken: number;

  /** What the public reads; null until the office writes one (an item without it is not published). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  summary: string | null;

  @Column({ type: 'boolean' })
  included: boolean;
}
