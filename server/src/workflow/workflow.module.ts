import { Module } from '@nestjs/common';
import { AppealsModule } from '../appeals/appeals.module.js';
import { DeadlinesModule } from '../deadlines/deadlines.module.js';
import { NoticesModule } from '../notices/notices.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrgModule } from '../org/org.module.js';
import { UsersModule } from '../users/users.module.js';
import { WorkflowController } from './workflow.controller.js';
import { WorkflowRepository } from './workflow.repository.js';
import { WorkflowScheduler } from './workflow.scheduler.js';
import { WorkflowService } from './workflow.service.js';

@Module({
  imports: [AppealsModule, OrgModule, UsersModule, NoticesModule, DeadlinesModule, NotificationsModule],
  controllers: [WorkflowController],
  providers: [WorkflowRepository, WorkflowService, WorkflowScheduler],
  exports: [WorkflowService],
})
export class WorkflowModule {}
