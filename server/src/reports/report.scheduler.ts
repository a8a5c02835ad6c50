// On the 1st of each month, from 00:05 in the organisation's time zone, the previous month's report
// is drafted for the office to curate. The job runs every ten minutes on every instance; a month that
// already has a report is left alone, and two instances drafting at once end with one draft.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { monthOf, previousMonth } from '@minqing/shared';
import { Clock } from '../common/clock.js';
import { ScheduledJob } from '../common/interval-job.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { OrgRepository } from '../org/org.repository.js';
import { ReportsRepository } from './reports.repository.js';
import { ReportsService } from './reports.service.js';

const FIVE_MINUTES = 5 * 60_000;

@Injectable()
export class ReportScheduler extends ScheduledJob {
  constructor(
    @Inject(ReportsService) private readonly service: ReportsService,
    @Inject(ReportsRepository) private readonly reports: ReportsRepository,
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(config.schedulers, 'Reports', 10 * 60_000);
  }

  protected async tick(): Promise<string | null> {
    const drafted = await this.draftDue();
    return drafted.length ? `drafted ${drafted.join(', ')}` : null;
  }

  /** Drafts last month's report for every organisation past 00:05 on the 1st that has none yet. */
  async draftDue(now = this.clock.now()): Promise<string[]> {
    const drafted: string[] = [];
    for (const org of await this.orgs.listOrgs()) {
      // Five minutes after local midnight on the 1st, "five minutes ago" is already in the new month.
      const month = previousMonth(monthOf(new Date(now.getTime() - FIVE_MINUTES), org.timeZone));
      if ((await this.reports.versions(org.id, month)).length) continue;
      try {
        await this.service.draft(org, month);
        drafted.push(`${org.code} ${month}`);
      } catch (error) {
        new Logger('Reports').error(`drafting ${org.code} ${month} failed: ${(error as Error).message}`);
      }
    }
    return drafted;
  }
}
