import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, LessThan, Not, type EntityManager } from 'typeorm';
import { isUniqueViolation } from '../../database/transactions.js';
import { ReportExportJob } from '../entities/report-export-job.entity.js';

/** The Excel export jobs (report_exports), read and written here only. */
@Injectable()
export class ExportJobsRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /** Inserts a running job; false when the person already has one running for the month (the unique key decides). */
  async insertRunning(manager: EntityManager, job: ReportExportJob): Promise<boolean> {
    try {
      await manager.insert(ReportExportJob, job);
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  findById(id: string): Promise<ReportExportJob | null> {
    return this.db.getRepository(ReportExportJob).findOneBy({ id });
  }

  findRunning(orgId: string, month: string, requestedBy: string): Promise<ReportExportJob | null> {
    return this.db.getRepository(ReportExportJob).findOneBy({ orgId, month, requestedBy, running: true });
  }

  /** The rows written so far, which is also the job's sign of life; false when the job is no longer running (declared dead meanwhile). */
  async progress(manager: EntityManager, id: string, rowsDone: number, now: Date): Promise<boolean> {
    const result = await manager.update(ReportExportJob, { id, state: 'running' }, { rowsDone, heartbeatAt: now });
    return result.affected === 1;
  }

  /** Done, once, and only while still running: false when it was declared dead meanwhile. */
  async finish(manager: EntityManager, id: string, done: Pick<ReportExportJob, 'rowsDone' | 'fileKey' | 'finishedAt' | 'expiresAt'>): Promise<boolean> {
    const result = await manager.update(ReportExportJob, { id, state: 'running' }, { ...done, state: 'done', running: null, heartbeatAt: done.finishedAt! });
    return result.affected === 1;
  }

  async fail(manager: EntityManager, id: string, error: string, now: Date): Promise<void> {
    await manager.update(ReportExportJob, { id, state: 'running' }, { state: 'failed', running: null, error, finishedAt: now });
  }

  /**
   * Running jobs silent since `before` died with their process (a crash, a restart, a lost instance):
   * failed, so that they never stay "running" and the person may start again. `scope`: one job.
   */
  async failSilent(manager: EntityManager, before: Date, now: Date, scope?: Pick<ReportExportJob, 'id'>): Promise<number> {
    const result = await manager.update(
      ReportExportJob,
      { ...scope, state: 'running', heartbeatAt: LessThan(before) },
      { state: 'failed', running: null, error: 'REPORT_EXPORT_INTERRUPTED', finishedAt: now },
    );
    return result.affected ?? 0;
  }

  /** Done jobs whose file's time is up. */
  expired(now: Date, limit: number): Promise<ReportExportJob[]> {
    return this.db.getRepository(ReportExportJob).find({ where: { state: 'done', expiresAt: LessThan(now), fileKey: Not(IsNull()) }, take: limit });
  }

  async markExpired(manager: EntityManager, id: string): Promise<void> {
    await manager.update(ReportExportJob, { id, state: 'done' }, { state: 'expired', fileKey: null, error: 'REPORT_EXPORT_EXPIRED' });
  }
}
