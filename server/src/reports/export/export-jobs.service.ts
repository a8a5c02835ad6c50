// The Excel export as a job. POST starts one — or answers the one already running for the same
// person and month (a unique key keeps it to one) — and a month small enough is finished inside that
// request; a larger one runs on in this process, writing its progress as it goes, which is also its
// sign of life: a job silent for two minutes died with its process (a crash, a restart, a lost
// instance) and is marked failed, by the sweeper or by the next look at it, never left "running".
// The file goes to the storage the photos use (any instance can serve it) and is deleted after a day.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { ERROR_MESSAGES, type ErrorCode, type ReportExportView } from '@minqing/shared';
import { Clock } from '../../common/clock.js';
import { newId } from '../../common/columns.js';
import { DomainError } from '../../common/domain-error.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { Transactions } from '../../database/transactions.js';
import type { Organization } from '../../org/entities/organization.entity.js';
import { FILE_STORAGE, type FileStorage } from '../../uploads/file-storage.js';
import type { AuthUser } from '../../users/auth-user.js';
import { UsersRepository } from '../../users/users.repository.js';
import type { ReportExportJob } from '../entities/report-export-job.entity.js';
import { INLINE_EXPORT_ROWS, ReportExport, type ExportExtent, type ExportNames } from '../report-export.js';
import { exportLink, exportLinkValid } from './export-link.js';
import { ExportJobsRepository } from './export-jobs.repository.js';

/** A running job writes its progress (its heartbeat) at most this often. */
const HEARTBEAT_MS = 5_000;
/** A running job silent this long is dead. */
export const EXPORT_SILENT_MS = 2 * 60_000;
/** How long the file is kept. */
export const EXPORT_FILE_TTL_MS = 24 * 3600_000;

const TEMP_PREFIX = 'mq-export-';
const tempFile = (jobId: string) => path.join(os.tmpdir(), `${TEMP_PREFIX}${jobId}.xlsx`);
const storageKey = (jobId: string) => `report-export-${jobId}.xlsx`;

@Injectable()
export class ReportExportJobs implements BeforeApplicationShutdown {
  private readonly logger = new Logger('ReportExportJobs');
  /** This process's running jobs: a way to stop each, and its end. */
  private readonly running = new Map<string, { stop: AbortController; ended: Promise<void> }>();

  constructor(
    @Inject(ExportJobsRepository) private readonly jobs: ExportJobsRepository,
    @Inject(ReportExport) private readonly exporter: ReportExport,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(Transactions) private readonly transactions: Transactions,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Starts the person's export of the month, or answers the one of theirs already running. */
  async start(org: Organization, month: string, viewer: AuthUser): Promise<ReportExportView> {
    const extent = await this.exporter.extent(org, month);
    for (let attempt = 0; ; attempt++) {
      const now = this.clock.now();
      const job: ReportExportJob = {
        id: newId(),
        orgId: org.id,
        month,
        requestedBy: viewer.user.id,
        state: 'running',
        running: true,
        rowsTotal: extent.count,
        rowsDone: 0,
        fileKey: null,
        error: null,
        createdAt: now,
        heartbeatAt: now,
        finishedAt: null,
        expiresAt: null,
      };
      // The unique key decides between parallel taps: one insert wins, the others answer its job.
      const inserted = await this.transactions.run((manager) => this.jobs.insertRunning(manager, job));
      if (inserted) {
        const ended = this.run(job, org, viewer, extent);
        if (extent.count <= INLINE_EXPORT_ROWS) await ended;
        return this.view(org, (await this.jobs.findById(job.id))!, viewer.user.id);
      }
      const current = await this.jobs.findRunning(org.id, month, viewer.user.id);
      // A dead job of theirs no longer holds the place: failed, and the next attempt starts anew.
      if (current && !(await this.failIfSilent(current, now))) return this.view(org, current, viewer.user.id);
      // It ended between our insert and our read, or it was dead: start anew (a third miss is a fault, not a race).
      if (attempt === 2) throw new DomainError('REPORT_EXPORT_FAILED');
    }
  }

  /** The person's job as it stands (404 for anyone else's). */
  async get(org: Organization, id: string, viewer: AuthUser): Promise<ReportExportView> {
    let job = await this.jobs.findById(id);
    if (!job || job.orgId !== org.id || job.requestedBy !== viewer.user.id) throw DomainError.notFound();
    if (await this.failIfSilent(job, this.clock.now())) job = (await this.jobs.findById(id))!;
    return this.view(org, job, viewer.user.id);
  }

  /** The file, for the link's person while they still hold an office or leader role in the job's mine. */
  async file(id: string, link: { v?: string; exp?: string; sig?: string }): Promise<{ bytes: Buffer; job: ReportExportJob }> {
    if (!exportLinkValid(this.config.tokenSecret, id, link, this.clock.now())) throw DomainError.notFound();
    const [job, person] = await Promise.all([this.jobs.findById(id), this.users.loadAuthUser(link.v!)]);
    if (!job || !person || job.requestedBy !== person.user.id) throw DomainError.notFound();
    if (!person.staff.some((s) => s.orgId === job.orgId && (s.role === 'coordinator' || s.role === 'leader'))) throw DomainError.notFound();
    if (job.state === 'expired') throw new DomainError('REPORT_EXPORT_EXPIRED');
    if (job.state !== 'done' || !job.fileKey) throw DomainError.notFound();
    return { bytes: await this.storage.get(job.fileKey), job };
  }

  /** Fails the job if it is running and silent for too long (its process died); true when it did. */
  private async failIfSilent(job: ReportExportJob, now: Date): Promise<boolean> {
    const before = new Date(now.getTime() - EXPORT_SILENT_MS);
    if (job.state !== 'running' || job.heartbeatAt >= before) return false;
    await this.transactions.run((manager) => this.jobs.failSilent(manager, before, now, { id: job.id }));
    return true;
  }

  private view(org: Organization, job: ReportExportJob, personId: string): ReportExportView {
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    const error = job.error as ErrorCode | null;
    return {
      id: job.id,
      month: job.month,
      state: job.state,
      rowsDone: job.rowsDone,
      rowsTotal: job.rowsTotal,
      startedAt: job.createdAt.toISOString(),
      finishedAt: iso(job.finishedAt),
      downloadUrl: job.state === 'done' && job.fileKey ? exportLink(this.config.tokenSecret, job.id, personId, this.clock.now()) : null,
      fileName: `${org.name}职工诉求${job.month}.xlsx`,
      expiresAt: job.state === 'done' ? iso(job.expiresAt) : null,
      error: error ? { code: error, message: ERROR_MESSAGES[error] ?? ERROR_MESSAGES.REPORT_EXPORT_FAILED } : null,
    };
  }

  /** Writes the file (a temporary file first: the writer streams, the storage takes whole files), stores it, and marks the job done with its audit entry. */
  private run(job: ReportExportJob, org: Organization, viewer: AuthUser, extent: ExportExtent): Promise<void> {
    const stop = new AbortController();
    const ended = this.write(job, org, viewer, extent, stop.signal).finally(() => this.running.delete(job.id));
    this.running.set(job.id, { stop, ended });
    return ended;
  }

  private async write(job: ReportExportJob, org: Organization, viewer: AuthUser, extent: ExportExtent, stopped: AbortSignal): Promise<void> {
    const temp = tempFile(job.id);
    const key = storageKey(job.id);
    let stored = false;
    try {
      let beat = Date.now();
      let written = 0;
      const out = fs.createWriteStream(temp);
      // A write that fails (a full disk) ends the export; an error after it ended is nobody's.
      const broken = new Promise<never>((_, reject) => out.on('error', reject));
      broken.catch(() => undefined);
      let names: ExportNames;
      try {
        const writing = this.exporter.write(out, org, job.month, viewer, job.createdAt, extent, async (rowsDone) => {
          written = rowsDone;
          if (stopped.aborted) throw new DomainError('REPORT_EXPORT_INTERRUPTED');
          if (Date.now() - beat < HEARTBEAT_MS) return;
          beat = Date.now();
          const alive = await this.transactions.run((manager) => this.jobs.progress(manager, job.id, rowsDone, this.clock.now()));
          if (!alive) throw new DomainError('REPORT_EXPORT_INTERRUPTED');
        });
        writing.catch(() => undefined);
        names = await Promise.race([writing, broken]);
      } finally {
        out.destroy();
      }
      await this.storage.put(key, await fs.promises.readFile(temp));
      stored = true;
      const finished = await this.transactions.run(async (manager) => {
        const now = this.clock.now();
        const done = await this.jobs.finish(manager, job.id, { rowsDone: written, fileKey: key, finishedAt: now, expiresAt: new Date(now.getTime() + EXPORT_FILE_TTL_MS) });
        if (done) await this.exporter.recordExport(manager, org, job.month, viewer, names, now);
        return done;
      });
      if (!finished) await this.storage.remove(key);
    } catch (error) {
      const code: ErrorCode =
        error instanceof DomainError && (error.code === 'REPORT_EXPORT_INTERRUPTED' || error.code === 'STORAGE_UNAVAILABLE') ? error.code : 'REPORT_EXPORT_FAILED';
      if (code === 'REPORT_EXPORT_FAILED') this.logger.error(`export ${job.id} of ${job.month} failed: ${(error as Error).stack ?? String(error)}`);
      if (stored) await this.storage.remove(key).catch(() => undefined);
      await this.transactions.run((manager) => this.jobs.fail(manager, job.id, code, this.clock.now())).catch(() => undefined);
    } finally {
      await fs.promises.rm(temp, { force: true });
    }
  }

  /** The sweeper's work: dead jobs failed, files past their day deleted, temporary files of dead jobs removed. */
  async sweep(): Promise<{ failed: number; expired: number }> {
    const now = this.clock.now();
    const failed = await this.transactions.run((manager) => this.jobs.failSilent(manager, new Date(now.getTime() - EXPORT_SILENT_MS), now));
    let expired = 0;
    for (const job of await this.jobs.expired(now, 100)) {
      await this.storage.remove(job.fileKey!);
      await this.transactions.run((manager) => this.jobs.markExpired(manager, job.id));
      expired++;
    }
    // A file system's times are its own clock's, not the application's.
    const names = await fs.promises.readdir(os.tmpdir()).catch(() => [] as string[]);
    for (const name of names.filter((n) => n.startsWith(TEMP_PREFIX))) {
      const id = name.slice(TEMP_PREFIX.length, -'.xlsx'.length);
      const stat = await fs.promises.stat(path.join(os.tmpdir(), name)).catch(() => null);
      if (!this.running.has(id) && stat && stat.mtimeMs < Date.now() - EXPORT_SILENT_MS) await fs.promises.rm(path.join(os.tmpdir(), name), { force: true });
    }
    return { failed, expired };
  }

  /** A stopping server ends its running exports as failed (the office is told to start again) rather than leave them to the sweeper. */
  async beforeApplicationShutdown(): Promise<void> {
    for (const { stop } of this.running.values()) stop.abort();
    await Promise.all([...this.running.values()].map((r) => r.ended));
  }
}
