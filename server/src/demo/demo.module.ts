import { Module } from '@nestjs/common';
import { AppealsModule } from '../appeals/appeals.module.js';
import { OrgModule } from '../org/org.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { UsersModule } from '../users/users.module.js';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { DemoController } from './demo.controller.js';
import { DemoHistory } from './demo-history.js';
import { DemoSeeder } from './demo-seeder.js';

/** Mounted only with the WeChat simulator: the demo logins are simulator codes. */
@Module({
  imports: [AppealsModule, UsersModule, OrgModule, WorkflowModule, ReportsModule],
  controllers: [DemoController],
  providers: [DemoSeeder, DemoHistory],
  exports: [DemoSeeder],
})
export class DemoModule {}
