import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { parseScene, publicOrgResponse, type PublicOrgResponse, scanBody, withoutBidiControls } from '@minqing/shared';
import { Public } from '../common/access.decorators.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { OrgRepository } from './org.repository.js';
import { ApiContract, ApiNoContent } from '../common/openapi.js';
import { ScanLimit } from '../throttle/throttle-counters.js';
import { Throttled } from '../throttle/throttle.guard.js';

@ApiTags('public')
@Controller('api/public/orgs')
export class PublicOrgController {
  constructor(
    private readonly orgs: OrgRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ScanLimit) private readonly scans: ScanLimit,
  ) {}

  @Public()
  @Throttled('public')
  @Get(':org')
  @ApiOperation({ summary: 'What the submit form needs: name, slogan, categories, places' })
  @ApiContract({ response: publicOrgResponse })
  async get(@Param('org') code: string): Promise<PublicOrgResponse> {
    const org = await this.orgs.requireOrgByCode(code);
    const [categories, places] = await Promise.all([this.orgs.listCategories(org.id), this.orgs.listActivePlaces(org.id)]);
    const { accepted, progress, replied } = this.config.wechat.templates;
    return withoutBidiControls({
      code: org.code,
      name: org.name,
      slogan: org.slogan,
      categories: categories.map(({ code, name }) => ({ code, name })),
      places: places.map(({ code, name }) => ({ code, name })),
      subscribeTemplates: [accepted, progress, replied],
      staffSubscribeTemplates: [this.config.wechat.templates.todo],
    });
  }

  /** The mini-program was opened by a mini-program code on a sticker: count the scan of that place. */
  @Public()
  @Post('scans')
  @HttpCode(204)
  @ApiOperation({ summary: 'Count one scan of a mini-program code sticker, by its scene (o=<org>&s=<place>)' })
  @ApiContract({ body: scanBody })
  @ApiNoContent('Counted (or ignored when the scene names no place)')
  async scan(@Body() body: unknown, @Req() request: FastifyRequest): Promise<void> {
    const scene = (body as { scene?: unknown } | null)?.scene;
    const target = typeof scene === 'string' && scene.length <= 64 ? parseScene(scene) : {};
    if (target.org && target.place && (await this.scans.counts(request.ip, target.org, target.place))) await this.orgs.countScan(target.org, target.place);
  }
}
