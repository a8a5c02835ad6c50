// Closes replied appeals nobody rated in 7 days, every 10 minutes in each server process. Every
// instance may run it; each close is a version-checked write, so nothing happens twice.
import { Inject, Injectable } from '@nestjs/common';
import { ScheduledJob } from '../common/interval-job.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { WorkflowService } from './workflow.service.js';

@Injectable()
export class WorkflowScheduler extends ScheduledJob {
  constructor(
    @Inject(WorkflowService) private readonly workflow: WorkflowService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(config.schedulers, 'WorkflowScheduler', 10 * 60_000);
  }

  protected async tick(): Promise<string | null> {
    const closed = await this.workflow.closeUnrated();
    return closed ? `closed ${closed} appeal(s) not rated within 7 days` : null;
  }
}
