import { Module } from '@nestjs/common';
import { AppealsModule } from '../appeals/appeals.module.js';
import { OrgModule } from '../org/org.module.js';
import { UploadsModule } from '../uploads/uploads.module.js';
import { UsersModule } from '../users/users.module.js';
import { WorkflowController } from './workflow.controller.js';
import { MergedAppeals } from './merged-appeals.js';
import { WorkflowLookups } from './workflow-lookups.js';
import { WorkflowScheduler } from './workflow.scheduler.js';
import { WorkflowService } from './workflow.service.js';

/** The transitions of the closed loop. It owns no table: the appeal, its sheets and timeline are the appeals module's. */
@Module({
  imports: [AppealsModule, OrgModule, UploadsModule, UsersModule],
  controllers: [WorkflowController],
  providers: [WorkflowService, WorkflowLookups, WorkflowScheduler, MergedAppeals],
  exports: [WorkflowService],
})
export class WorkflowModule {}
