import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdColumn, TimeColumn } from '../../common/columns.js';

/**
 * One version of an organisation's monthly report (公示). A draft is edited by the office; once
 * published a version never changes — a correction is the next version, with a note, and every
 * published version stays readable.
 */
@Index('uq_monthly_reports_version', ['orgId', 'month', 'version'], { unique: true })
@Entity('monthly_reports')
export class MonthlyReport {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @IdColumn({ name: 'org_id' })
  orgId: string;

  /** `YYYY-MM` in the organisation's time zone. */
  @Column({ type: 'varchar', length: 7 })
  month: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'varchar', length: 16 })
  state: 'draft' | 'published';

  /**
   * The figures as computed when drafted (JSON of ReportVersionFigures): rates, counts, times, how many
   * 核减 entries (those themselves are rows of report_exclusions, migration 1767000000000). A JSON
   * column, so a big month fits on MariaDB too (LONGTEXT there, migration 1766200000000); the property stays
   * the JSON text, stored once (the transformer hands the driver the value it stringifies).
   */
  @Column({
    type: 'json',
    transformer: {
      to: (text?: string | null) => (typeof text === 'string' ? JSON.parse(text) : text),
      from: (value: unknown) => (value === null || value === undefined ? value : JSON.stringify(value)),
    },
  })
  figures: string;

  /** Why this version corrects the one before (required from version 2 on). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @TimeColumn({ name: 'computed_at' })
  computedAt: Date;

  @TimeColumn({ name: 'published_at', nullable: true })
  publishedAt: Date | null;

  @IdColumn({ name: 'published_by', nullable: true })
  publishedBy: string | null;

  @TimeColumn({ name: 'created_at' })
  createdAt: Date;
}
