import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { ScheduledJob } from '../common/interval-job.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { ScanLimit, ThrottleCounters } from './throttle-counters.js';
import { LimitsGuard } from './throttle.guard.js';

/** Every ten minutes: the counters of ended windows are deleted. */
@Injectable()
export class CounterSweeper extends ScheduledJob {
  constructor(
    @Inject(ThrottleCounters) private readonly counters: ThrottleCounters,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(config.schedulers, 'ThrottleSweeper', 10 * 60_000);
  }

  protected async tick(): Promise<string | null> {
    await this.counters.sweep();
    return null;
  }
}

/** The abuse limits: global, so any module's controller can put a route under them (@Throttled). */
@Global()
@Module({
  providers: [ThrottleCounters, ScanLimit, CounterSweeper, LimitsGuard],
  exports: [ThrottleCounters, ScanLimit, LimitsGuard],
})
export class ThrottleModule {}
