import { Module } from '@nestjs/common';
import { AppealRecordsModule } from '../appeals/appeal-records.module.js';
import { DeadlinesModule } from '../deadlines/deadlines.module.js';
import { OrgModule } from '../org/org.module.js';
import { UploadsModule } from '../uploads/uploads.module.js';
import { UsersModule } from '../users/users.module.js';
import { EXPORT_JOBS } from './export/export-jobs.module-parts.js';
import { GroupRankingsController } from './group-rankings.controller.js';
import { OfficialMenuController } from './official-menu.controller.js';
import { PublicPagesController } from './public-pages.controller.js';
import { PublicReportsController } from './public-reports.controller.js';
import { RatesRepository } from './rates.repository.js';
import { ReportCountsRepository } from './report-counts.repository.js';
import { ReportExport } from './report-export.js';
import { ReportFiguresBuilder } from './report-figures.js';
import { ThreadReader } from '../database/thread-reader.js';
import { ReportScheduler } from './report.scheduler.js';
import { ReportsController } from './reports.controller.js';
import { ReportsRepository } from './reports.repository.js';
import { PublicPageCache } from './public-page-cache.js';
import { ReportsService } from './reports.service.js';

@Module({
  imports: [AppealRecordsModule, DeadlinesModule, OrgModule, UsersModule, UploadsModule],
  controllers: [ReportsController, PublicReportsController, PublicPagesController, OfficialMenuController, GroupRankingsController, ...EXPORT_JOBS.controllers],
  providers: [
    PublicPageCache,
    ThreadReader,
    ReportCountsRepository,
    RatesRepository,
    ReportsRepository,
    ReportFiguresBuilder,
    ReportsService,
    ReportExport,
    ReportScheduler,
    ...EXPORT_JOBS.providers,
  ],
  exports: [RatesRepository, ReportCountsRepository, ReportsService],
})
export class ReportsModule {}
