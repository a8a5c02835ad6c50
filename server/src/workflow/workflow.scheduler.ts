// Closes replied appeals nobody rated in 7 days, every 10 minutes in each server process. Every
// instance may run it; each close is a version-checked write, so nothing happens twice.
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { IntervalJob } from '../common/interval-job.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { WorkflowService } from './workflow.service.js';

@Injectable()
export class WorkflowScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: IntervalJob;

  constructor(
    @Inject(WorkflowService) workflow: WorkflowService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.job = new IntervalJob('WorkflowScheduler', 10 * 60_000, async () => {
      const closed = await workflow.closeUnrated();
      return closed ? `closed ${closed} appeal(s) not rated within 7 days` : null;
    });
  }

  onApplicationBootstrap(): void {
    if (this.config.schedulers) this.job.start();
  }

  onApplicationShutdown(): void {
    this.job.stop();
  }
}
