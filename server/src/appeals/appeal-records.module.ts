import { Module } from '@nestjs/common';
import { AppealsRepository } from './appeals.repository.js';
import { TimelineRepository } from './timeline.repository.js';

/**
 * The appeals' tables and nothing else: what a module that records on an appeal's timeline or reads
 * an appeal (relief, deadlines) imports, without the appeals feature and everything it depends on.
 */
@Module({ providers: [AppealsRepository, TimelineRepository], exports: [AppealsRepository, TimelineRepository] })
export class AppealRecordsModule {}
