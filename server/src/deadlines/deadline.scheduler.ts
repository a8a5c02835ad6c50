// Runs the deadline runner every minute in each server process; the runner itself makes sure each
// reminder goes once across instances.
import { Inject, Injectable } from '@nestjs/common';
import { ScheduledJob } from '../common/interval-job.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { DeadlineRunner } from './deadline-runner.js';

@Injectable()
export class DeadlineScheduler extends ScheduledJob {
  constructor(
    @Inject(DeadlineRunner) private readonly runner: DeadlineRunner,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(config.schedulers, 'Deadlines', 60_000);
  }

  protected async tick(): Promise<string | null> {
    const sent = await this.runner.runDue();
    return sent ? `sent ${sent} reminder(s) and escalation(s)` : null;
  }
}
