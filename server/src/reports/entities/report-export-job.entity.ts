import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ReportExportState } from '@minqing/shared';
import { IdColumn, TimeColumn } from '../../common/columns.js';

/**
 * One Excel export of a month, made for one person (the file names whom that person may see, so it is
 * theirs alone). `running` is true while the export runs and NULL after: the unique key over it lets
 * one export run per organisation, month and person at a time — NULLs never collide, on either engine.
 */
@Index('uq_report_exports_running', ['orgId', 'month', 'requestedBy', 'running'], { unique: true })
@Index('ix_report_exports_state', ['state', 'heartbeatAt'])
@Entity('report_exports')
export class ReportExportJob {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @IdColumn({ name: 'org_id' })
  orgId: string;

  @Column({ type: 'varchar', length: 7 })
  month: string;

  @IdColumn({ name: 'requested_by' })
  requestedBy: string;

  @Column({ type: 'varchar', length: 16 })
  state: ReportExportState;

  /** True while running, NULL otherwise (see the unique key). */
  @Column({ type: 'boolean', nullable: true })
  running: true | null;

  /** The month's appeals when the export started, and how many are written so far. */
  @Column({ name: 'rows_total', type: 'integer' })
  rowsTotal: number;

  @Column({ name: 'rows_done', type: 'integer' })
  rowsDone: number;

  /** The file in the uploads' storage, while it is kept. */
  @Column({ name: 'file_key', type: 'varchar', length: 100, nullable: true })
  fileKey: string | null;

  /** Why it failed or is gone: an error code of shared/src/errors.ts. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  error: string | null;

  @TimeColumn({ name: 'created_at' })
  createdAt: Date;

  /** The running export's last sign of life; one silent for long died with its process. */
  @TimeColumn({ name: 'heartbeat_at' })
  heartbeatAt: Date;

  @TimeColumn({ name: 'finished_at', nullable: true })
  finishedAt: Date | null;

  /** When the file is deleted. */
  @TimeColumn({ name: 'expires_at', nullable: true })
  expiresAt: Date | null;
}
