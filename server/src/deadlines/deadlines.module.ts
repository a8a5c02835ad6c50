import { Module } from '@nestjs/common';
import { DeadlineRunner } from './deadline-runner.js';
import { DeadlineScheduler } from './deadline.scheduler.js';
import { DeadlineTracker } from './deadline-tracker.js';
import { DeadlinesRepository } from './deadlines.repository.js';

@Module({
  providers: [DeadlinesRepository, DeadlineTracker, DeadlineRunner, DeadlineScheduler],
  exports: [DeadlinesRepository, DeadlineTracker, DeadlineRunner],
})
export class DeadlinesModule {}
