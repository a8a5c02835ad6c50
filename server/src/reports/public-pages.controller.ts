// GET /p/:org/resolved and GET /p/:org/reports/:month (?print=1 for the A4 bulletin-board sheet):
// the official account's menu links here; plain HTML with inline SVG, no script needed to read it.
import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import QRCode from 'qrcode';
import { Public } from '../common/access.decorators.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { Organization } from '../org/entities/organization.entity.js';
import { OrgRepository } from '../org/org.repository.js';
import { PublicPageCache } from './public-page-cache.js';
import { reportPage, resolvedPage } from './public-pages.js';
import { ReportsService } from './reports.service.js';
import { ApiFile } from '../common/openapi.js';
import { Throttled } from '../throttle/throttle.guard.js';

/** Published pages change only when a correction is published: a few minutes of caching is safe. */
const CACHE = 'public, max-age=300';
/** The public pages run no script and load nothing: a policy that allows exactly that. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

@ApiTags('public')
@Throttled('public')
@Controller('p/:org')
export class PublicPagesController {
  constructor(
    @Inject(ReportsService) private readonly reports: ReportsService,
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PublicPageCache) private readonly cache: PublicPageCache,
  ) {}

  @Public()
  @Get('resolved')
  @ApiFile('text/html', 'The published resolved appeals, as a page')
  async resolved(@Param('org') code: string, @Res() reply: FastifyReply): Promise<void> {
    const org = await this.orgs.requireOrgByCode(code);
    const html = await this.cache.get(await this.pageKey(org, 'resolved'), async () => {
      const { items, months, latest } = await this.reports.publicHome(org);
      return resolvedPage(org, items, latest, months);
    });
    void reply.header('cache-control', CACHE).header('content-security-policy', CSP).type('text/html; charset=utf-8').send(html);
  }

  @Public()
  @Get('reports/:month')
  @ApiFile('text/html', 'A published month, as a page (?print=1: the A4 sheet)')
  async report(
    @Param('org') code: string,
    @Param('month') month: string,
    @Query('version') version: string | undefined,
    @Query('print') print: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const org = await this.orgs.requireOrgByCode(code);
    const wanted = version ? Number(version) || -1 : undefined;
    const html = await this.cache.get(await this.pageKey(org, 'report', month, wanted ?? 'latest', print ? 'print' : 'screen'), async () => {
      const report = await this.reports.publicReport(org, month, wanted);
      // The sheet on the wall leads back to the channel: the sticker landing of the organisation.
      const qrSvg = print ? await QRCode.toString(`${this.config.publicBaseUrl}/q/${org.code}`, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) : '';
      return reportPage(report, { print: Boolean(print), qrSvg, basePath: `/p/${org.code}/reports/${month}` });
    });
    void reply.header('cache-control', CACHE).header('content-security-policy', CSP).type('text/html; charset=utf-8').send(html);
  }

  /** What a page is drawn from: the page asked for, the organisation's name and slogan, and every published version. */
  private async pageKey(org: Organization, ...page: Array<string | number>): Promise<string> {
    return [...page, org.id, org.name, org.slogan, ...(await this.reports.publishedVersionIds(org))].join('|');
  }
}
