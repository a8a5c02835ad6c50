import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../common/access.decorators.js';
import { healthView } from '@minqing/shared';
import { ApiContract } from '../common/openapi.js';

@ApiTags('health')
@Controller('api/health')
export class HealthController {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness and the database: 200 when it answers, 503 when it does not' })
  @ApiContract({ response: healthView })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<{ status: string; database: { type: string; up: boolean; latencyMs?: number } }> {
    const started = performance.now();
    const type = this.db.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
    try {
      // A database that stopped answering must not hold the health check too: two seconds, then down.
      await Promise.race([this.db.query('SELECT 1'), new Promise((_, reject) => setTimeout(() => reject(new Error('no answer')), 2000).unref())]);
      return { status: 'ok', database: { type, up: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 } };
    } catch {
      void reply.status(503);
      return { status: 'degraded', database: { type, up: false } };
    }
  }
}
