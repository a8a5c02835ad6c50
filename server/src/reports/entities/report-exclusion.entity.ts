import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One 核减 entry of a report's version: an appeal the month's figures leave out (rejected) and why, as
 * it stood when the version was drafted. A version's own rows, keyed by its position in the list: the
 * office's screen and the export read them a page at a time (a month of 100,000 appeals has some 15,000),
 * and a published version keeps its list whatever later versions say.
 */
@Entity('report_exclusions')
export class ReportExclusionRow {
  @PrimaryColumn({ name: 'report_id', type: 'varchar', length: 36 })
  reportId: string;

  @PrimaryColumn({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 32 })
  serial: string;

  @Column({ type: 'varchar', length: 16 })
  kind: 'rejected' | 'merged';

  @Column({ type: 'text' })
  reason: string;
}
