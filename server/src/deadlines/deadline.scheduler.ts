// Runs the deadline runner every minute in each server process; the runner itself makes sure each
// reminder goes once across instances.
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { IntervalJob } from '../common/interval-job.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { DeadlineRunner } from './deadline-runner.js';

@Injectable()
export class DeadlineScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: IntervalJob;

  constructor(
    @Inject(DeadlineRunner) runner: DeadlineRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.job = new IntervalJob('Deadlines', 60_000, async () => {
      const sent = await runner.runDue();
      return sent ? `sent ${sent} reminder(s) and escalation(s)` : null;
    });
  }

  onApplicationBootstrap(): void {
    if (this.config.schedulers) this.job.start();
  }

  onApplicationShutdown(): void {
    this.job.stop();
  }
}
