import { Module } from '@nestjs/common';
import { NoticesModule } from '../notices/notices.module.js';
import { OrgModule } from '../org/org.module.js';
import { UploadsModule } from '../uploads/uploads.module.js';
import { UsersModule } from '../users/users.module.js';
import { AppealRecordsModule } from './appeal-records.module.js';
import { AppealsController } from './appeals.controller.js';
import { AppealsService } from './appeals.service.js';
import { ThreadReader } from '../database/thread-reader.js';
import { AppealListRepository } from './appeal-list.repository.js';
import { AppealListService } from './appeal-list.service.js';
import { AppealViewBuilder } from './appeal-view.builder.js';
import { ContentCheck } from './content-check.js';
import { IdentityRevealController } from './identity-reveal.controller.js';
import { IdentityRevealService } from './identity-reveal.service.js';
import { OverdueBoardController, OverdueBoardRepository, OverdueBoardService } from './overdue-board.js';
import { PhoneTail } from './phone-tail.js';

@Module({
  imports: [AppealRecordsModule, NoticesModule, OrgModule, UsersModule, UploadsModule],
  controllers: [AppealsController, IdentityRevealController, OverdueBoardController],
  providers: [
    AppealsService,
    AppealListService,
    AppealListRepository,
    // The lists' own reader (their own thread on a SQLite file), apart from the reports': a list never waits behind a month's figures.
    ThreadReader,
    PhoneTail,
    ContentCheck,
    AppealViewBuilder,
    IdentityRevealService,
    OverdueBoardRepository,
    OverdueBoardService,
  ],
  exports: [AppealRecordsModule, AppealsService, AppealViewBuilder, ContentCheck],
})
export class AppealsModule {}
