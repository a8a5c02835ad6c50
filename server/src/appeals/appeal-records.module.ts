import { Module } from '@nestjs/common';
import { AppealEvents } from './appeal-events.js';
import { AppealTallies } from './appeal-tallies.js';
import { AppealViewParts } from './appeal-view-parts.js';
import { AppealsRepository } from './appeals.repository.js';
import { SheetDepartmentsRepository } from './sheet-departments.repository.js';
import { RevealLedger } from './reveal-ledger.js';
import { RevealRequestsRepository } from './reveal-requests.repository.js';
import { TimelineRepository } from './timeline.repository.js';

/**
 * The appeals' tables, their events and the parts of their view that other modules provide, and
 * nothing else: what a module that records on an appeal's timeline, reads an appeal or reacts to its
 * events (relief, deadlines, notifications) imports, without the appeals feature and all it depends on.
 */
@Module({
  providers: [AppealsRepository, SheetDepartmentsRepository, TimelineRepository, AppealEvents, AppealViewParts, AppealTallies, RevealRequestsRepository, RevealLedger],
  exports: [AppealsRepository, SheetDepartmentsRepository, TimelineRepository, AppealEvents, AppealViewParts, AppealTallies, RevealRequestsRepository, RevealLedger],
})
export class AppealRecordsModule {}
