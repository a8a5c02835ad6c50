// GET /p/:org/resolved and GET /p/:org/reports/:month (?print=1 for the A4 bulletin-board sheet):
// the official account's menu links here; plain HTML with inline SVG, no script needed to read it.
// A month not published or a mine we do not know is still a 404, but a browser gets a page that says so
// in Chinese (and where to read instead); an API client keeps the one error envelope.
import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { isReportMonth } from '@minqing/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../common/domain-error.js';
import QRCode from 'qrcode';
import { Public } from '../common/access.decorators.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { Organization } from '../org/entities/organization.entity.js';
import { OrgRepository } from '../org/org.repository.js';
import { PublicPageCache } from './public-page-cache.js';
import { missingMinePage, missingMonthPage, reportPage, resolvedPage } from './public-pages.js';
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
  async resolved(@Param('org') code: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const org = await this.orgs.findOrgByCode(code);
    if (!org) return this.missing(request, reply, DomainError.notFound('ORG_UNKNOWN'), missingMinePage);
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
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const org = await this.orgs.findOrgByCode(code);
    if (!org) return this.missing(request, reply, DomainError.notFound('ORG_UNKNOWN'), missingMinePage);
    const wanted = version ? Number(version) || -1 : undefined;
    const html = await this.cache
      .get(await this.pageKey(org, 'report', month, wanted ?? 'latest', print ? 'print' : 'screen'), async () => {
        const report = await this.reports.publicReport(org, month, wanted);
        // The sheet on the wall leads back to the channel: the sticker landing of the organisation.
        const qrSvg = print ? await QRCode.toString(`${this.config.publicBaseUrl}/q/${org.code}`, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) : '';
        return reportPage(report, { print: Boolean(print), qrSvg, basePath: `/p/${org.code}/reports/${month}` });
      })
      .catch((error: unknown) => {
        if (!(error instanceof DomainError) || !['REPORT_NOT_FOUND', 'REPORT_MONTH_INVALID'].includes(error.code)) throw error;
        return error;
      });
    if (html instanceof DomainError) {
      const latest = (await this.reports.publishedMonths(org))[0]?.month ?? null;
      return this.missing(request, reply, html, () => missingMonthPage(org, isReportMonth(month) ? month : null, latest));
    }
    void reply.header('cache-control', CACHE).header('content-security-policy', CSP).type('text/html; charset=utf-8').send(html);
  }

  /** 404: a page for a browser (it asks for HTML), the envelope for anyone else. */
  private missing(request: FastifyRequest, reply: FastifyReply, error: DomainError, draw: () => string): void {
    if (!String(request.headers.accept ?? '').includes('text/html')) throw error;
    // Not cached for long: the month may be published within the hour, the mine set up tomorrow.
    void reply.status(404).header('cache-control', 'no-cache').header('content-security-policy', CSP).type('text/html; charset=utf-8').send(draw());
  }

  /** What a page is drawn from: the page asked for, the organisation's name and slogan, and every published version. */
  private async pageKey(org: Organization, ...page: Array<string | number>): Promise<string> {
    return [...page, org.id, org.name, org.slogan, ...(await this.reports.publishedVersionIds(org))].join('|');
  }
}
