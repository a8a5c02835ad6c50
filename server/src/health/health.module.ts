import { Module } from '@nestjs/common';
import { DatabaseProbe } from '../database/database-probe.js';
import { UploadsModule } from '../uploads/uploads.module.js';
import { HealthController } from './health.controller.js';

@Module({ imports: [UploadsModule], controllers: [HealthController], providers: [DatabaseProbe] })
export class HealthModule {}
