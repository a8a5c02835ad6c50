import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/access.decorators.js';
import { DatabaseProbe } from '../database/database-probe.js';
import { type HealthView, healthView } from '@minqing/shared';
import { ApiContract } from '../common/openapi.js';
import { UploadsService } from '../uploads/uploads.service.js';

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(
    @Inject(DatabaseProbe) private readonly database: DatabaseProbe,
    @Inject(UploadsService) private readonly uploads: UploadsService,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness, the database and the photos’ disk: 200 when both are up, 503 when either is not' })
  @ApiContract({ response: healthView })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthView> {
    // Two seconds, then the database counts as down.
    const [database, storage] = await Promise.all([this.database.probe(2000), this.uploads.health()]);
    if (database.up && storage.up) return { status: 'ok', database, storage };
    void reply.status(503);
    return { status: 'degraded', database, storage };
  }
}
