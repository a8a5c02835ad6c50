import { Module } from '@nestjs/common';
import { DatabaseProbe } from '../database/database-probe.js';
import { SqliteStatistics } from './sqlite-statistics.js';
import { UploadsModule } from '../uploads/uploads.module.js';
import { HealthController } from './health.controller.js';

/** The server's health as /api/health reports it, and the database's upkeep (SQLite's planner statistics). */
@Module({ imports: [UploadsModule], controllers: [HealthController], providers: [DatabaseProbe, SqliteStatistics] })
export class HealthModule {}
