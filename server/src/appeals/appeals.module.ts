import { Module } from '@nestjs/common';
import { OrgModule } from '../org/org.module.js';
import { UploadsModule } from '../uploads/uploads.module.js';
import { UsersModule } from '../users/users.module.js';
import { AppealEvents } from './appeal-events.js';
import { AppealViewParts } from './appeal-view-parts.js';
import { AppealsController } from './appeals.controller.js';
import { AppealsRepository } from './appeals.repository.js';
import { AppealsService } from './appeals.service.js';
import { AppealViewBuilder } from './appeal-view.builder.js';
import { ContentCheck } from './content-check.js';

@Module({
  imports: [OrgModule, UsersModule, UploadsModule],
  controllers: [AppealsController],
  providers: [AppealsRepository, AppealsService, ContentCheck, AppealViewBuilder, AppealEvents, AppealViewParts],
  exports: [AppealsRepository, AppealsService, AppealViewBuilder, ContentCheck, AppealEvents, AppealViewParts],
})
export class AppealsModule {}
