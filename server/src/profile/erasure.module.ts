import { Module } from '@nestjs/common';
import { AppealRecordsModule } from '../appeals/appeal-records.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { NoticesModule } from '../notices/notices.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module.js';
import { UploadsModule } from '../uploads/uploads.module.js';
import { UsersModule } from '../users/users.module.js';
import { ErasureController } from './erasure.controller.js';
import { ErasureService } from './erasure.service.js';

/** DELETE /api/me: a person's own data erased, across the tables that hold it (each through its owner). */
@Module({
  imports: [UsersModule, AppealRecordsModule, NoticesModule, NotificationsModule, SubscriptionsModule, AuditModule, UploadsModule],
  controllers: [ErasureController],
  providers: [ErasureService],
})
export class ErasureModule {}
