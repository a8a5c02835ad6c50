import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PublicOrgView } from '@minqing/shared';
import { Public } from '../auth/public.decorator.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { OrgRepository } from './org.repository.js';

export interface PublicOrgResponse extends PublicOrgView {
  /** Template ids the mini-program asks the worker to allow when they submit (at most 3). */
  subscribeTemplates: string[];
  /** The staff's to-do reminder template, asked for by the admin tab's 接收提醒 button. */
  staffSubscribeTemplates: string[];
}

@ApiTags('public')
@Controller('api/public/orgs')
export class PublicOrgController {
  constructor(
    private readonly orgs: OrgRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get(':org')
  @ApiOperation({ summary: 'What the submit form needs: name, slogan, categories, places' })
  @ApiOkResponse({ description: '{code, name, slogan, categories: [{code, name}], places: [{code, name}], subscribeTemplates}' })
  async get(@Param('org') code: string): Promise<PublicOrgResponse> {
    const org = await this.orgs.requireOrgByCode(code);
    const [categories, places] = await Promise.all([this.orgs.listCategories(org.id), this.orgs.listPlaces(org.id)]);
    const { accepted, progress, replied } = this.config.wechat.templates;
    return {
      code: org.code,
      name: org.name,
      slogan: org.slogan,
      categories: categories.map(({ code, name }) => ({ code, name })),
      places: places.map(({ code, name }) => ({ code, name })),
      subscribeTemplates: [accepted, progress, replied],
      staffSubscribeTemplates: [this.config.wechat.templates.todo],
    };
  }
}
