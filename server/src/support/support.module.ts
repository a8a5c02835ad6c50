import { Module } from '@nestjs/common';
import { AppealRecordsModule } from '../appeals/appeal-records.module.js';
import { OrgModule } from '../org/org.module.js';
import { SupportController } from './support.controller.js';
import { SupportService } from './support.service.js';
import { SupportsRepository } from './supports.repository.js';

/** 同感 (me too): once per worker, counted in its own table, shown as a count in the staff views and the 公示. */
@Module({ imports: [AppealRecordsModule, OrgModule], controllers: [SupportController], providers: [SupportsRepository, SupportService] })
export class SupportModule {}
