import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminModule } from './admin/admin.module.js';
import { AppealsModule } from './appeals/appeals.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CannedRepliesModule } from './canned-replies/canned-replies.module.js';
import { CommonModule } from './common/common.module.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { DeadlinesModule } from './deadlines/deadlines.module.js';
import { ENTITIES } from './entities.js';
import { DemoModule } from './demo/demo.module.js';
import { HealthModule } from './health/health.module.js';
import { NoticesModule } from './notices/notices.module.js';
import { NotesModule } from './notes/notes.module.js';
import { SupportModule } from './support/support.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { OrgModule } from './org/org.module.js';
import { ProfileModule } from './profile/profile.module.js';
import { ErasureModule } from './profile/erasure.module.js';
import { ReliefModule } from './relief/relief.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { StaffModule } from './staff/staff.module.js';
import { StickersModule } from './stickers/stickers.module.js';
import { SubscriptionsModule } from './subscriptions/subscriptions.module.js';
import { ThrottleModule } from './throttle/throttle.module.js';
import { UploadsModule } from './uploads/uploads.module.js';
import { UsersModule } from './users/users.module.js';
import { WechatModule } from './wechat/wechat.module.js';
import { WorkflowModule } from './workflow/workflow.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({ ...dataSourceOptions(config.database, ENTITIES), retryAttempts: 3, retryDelay: 1000 }),
        CommonModule,
        AuditModule,
        ThrottleModule,
        WechatModule.forRoot(config),
        AuthModule,
        UsersModule,
        ProfileModule,
        ErasureModule,
        OrgModule,
        UploadsModule,
        SubscriptionsModule,
        NoticesModule,
        AppealsModule,
        WorkflowModule,
        NotesModule,
        SupportModule,
        CannedRepliesModule,
        // Each reacts to the appeal events in the transaction that stores them.
        DeadlinesModule,
        NotificationsModule,
        StaffModule,
        ReportsModule,
        StickersModule,
        AdminModule,
        ReliefModule,
        HealthModule,
        ...(config.wechat.mode === 'simulator' ? [DemoModule] : []),
      ],
    };
  }
}
