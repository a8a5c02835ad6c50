import { Module } from '@nestjs/common';
import { AppealRecordsModule } from '../appeals/appeal-records.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrgModule } from '../org/org.module.js';
import { UsersModule } from '../users/users.module.js';
import { DeadlinePolicyController } from './deadline-policy.controller.js';
import { DeadlineRunner } from './deadline-runner.js';
import { DeadlineScheduler } from './deadline.scheduler.js';
import { DeadlineTracker } from './deadline-tracker.js';
import { DeadlinesRepository } from './deadlines.repository.js';

@Module({
  imports: [AppealRecordsModule, OrgModule, UsersModule, NotificationsModule],
  controllers: [DeadlinePolicyController],
  providers: [DeadlinesRepository, DeadlineTracker, DeadlineRunner, DeadlineScheduler],
  exports: [DeadlinesRepository, DeadlineTracker, DeadlineRunner],
})
export class DeadlinesModule {}
