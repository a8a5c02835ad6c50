import { Inject, Injectable } from '@nestjs/common';
import { ScheduledJob } from '../../common/interval-job.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { ReportExportJobs } from './export-jobs.service.js';

/** Every minute, and once as the server starts: exports whose process died are failed, files past their day deleted. */
@Injectable()
export class ExportSweeper extends ScheduledJob {
  constructor(
    @Inject(ReportExportJobs) private readonly exports: ReportExportJobs,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(config.schedulers, 'ExportSweeper', 60_000);
  }

  override onApplicationBootstrap(): void {
    super.onApplicationBootstrap();
    if (this.config.schedulers) void this.tick().catch(() => undefined);
  }

  protected async tick(): Promise<string | null> {
    const { failed, expired } = await this.exports.sweep();
    return failed || expired ? `marked ${failed} interrupted export(s) failed, deleted ${expired} expired file(s)` : null;
  }
}
