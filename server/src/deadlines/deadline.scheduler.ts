// Runs the deadline runner every minute in each server process; the runner itself makes sure each
// reminder goes once across instances.
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { DeadlineRunner } from './deadline-runner.js';

const EVERY_MS = 60_000;

@Injectable()
export class DeadlineScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private readonly logger = new Logger('Deadlines');

  constructor(
    @Inject(DeadlineRunner) private readonly runner: DeadlineRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.schedulers) return;
    this.timer = setInterval(() => void this.tick(), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    if (this.running) return; // a slow run is not overtaken by the next tick
    this.running = true;
    try {
      const sent = await this.runner.runDue();
      if (sent) this.logger.log(`sent ${sent} reminder(s) and escalation(s)`);
    } catch (error) {
      this.logger.error(`deadline run failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
