import { Module } from '@nestjs/common';
import { DeadlinesModule } from '../deadlines/deadlines.module.js';
import { NoticesModule } from '../notices/notices.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrgModule } from '../org/org.module.js';
import { UploadsModule } from '../uploads/uploads.module.js';
import { UsersModule } from '../users/users.module.js';
import { AppealsController } from './appeals.controller.js';
import { AppealsRepository } from './appeals.repository.js';
import { AppealsService } from './appeals.service.js';
import { AppealViewBuilder } from './appeal-view.builder.js';
import { ContentCheck } from './content-check.js';

@Module({
  imports: [OrgModule, UsersModule, UploadsModule, NoticesModule, DeadlinesModule, NotificationsModule],
  controllers: [AppealsController],
  providers: [AppealsRepository, AppealsService, ContentCheck, AppealViewBuilder],
  exports: [AppealsRepository, AppealsService, AppealViewBuilder, ContentCheck],
})
export class AppealsModule {}
