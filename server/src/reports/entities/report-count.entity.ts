import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How many of an organisation's month's appeals (or answer steps) share one combination of what the
 * figures count by, kept up to date in the transaction of every submission and transition
 * (report-counts.ts): the dashboard and a month's figures read these rows instead of the month's
 * appeals. A row is a facet (`rates`, `org_rates`, `tally`, `reply_time`, `answer_time`, `part`) and its dimensions as JSON —
 * a new status or department is a new value in `dims`, never a new column. Only atomic increments
 * write it (`n = n + ?`, an upsert on the primary key), so parallel transitions lose none.
 */
@Entity('report_counts')
export class ReportCount {
  @PrimaryColumn({ name: 'org_id', type: 'varchar', length: 36 })
  orgId: string;

  @PrimaryColumn({ type: 'varchar', length: 7 })
  month: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  facet: string;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  dims: string;

  @Column({ type: 'integer' })
  n: number;

  /** The durations' sum (reply and answer times), in milliseconds. */
  @Column({ name: 'sum_ms', type: 'bigint' })
  sumMs: string;

  /** The departments' answers and the office's returns (rates facet). */
  @Column({ type: 'integer' })
  answers: number;

  @Column({ type: 'integer' })
  returned: number;
}
