import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/access.decorators.js';
import { DatabaseProbe, type DatabaseStatus } from '../database/database-probe.js';
import { healthView } from '@minqing/shared';
import { ApiContract } from '../common/openapi.js';

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(@Inject(DatabaseProbe) private readonly database: DatabaseProbe) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness and the database: 200 when it answers, 503 when it does not' })
  @ApiContract({ response: healthView })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<{ status: string; database: DatabaseStatus }> {
    // Two seconds, then the database counts as down.
    const database = await this.database.probe(2000);
    if (database.up) return { status: 'ok', database };
    void reply.status(503);
    return { status: 'degraded', database };
  }
}
