// Periodic work of the loop, in the server process: closing replied appeals nobody rated in 7 days.
// Every instance may run it; each close is a version-checked write, so nothing happens twice.
// (Issue 4 brings leases and the deadline reminders to this.)
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { WorkflowService } from './workflow.service.js';

const EVERY_MS = 10 * 60_000;

@Injectable()
export class WorkflowScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private readonly logger = new Logger('WorkflowScheduler');

  constructor(
    @Inject(WorkflowService) private readonly workflow: WorkflowService,
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

  async tick(): Promise<void> {
    try {
      const closed = await this.workflow.closeUnrated();
      if (closed) this.logger.log(`closed ${closed} appeal(s) not rated within 7 days`);
    } catch (error) {
      this.logger.error(`closing unrated appeals failed: ${(error as Error).message}`);
    }
  }
}
