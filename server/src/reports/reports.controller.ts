// The office curates and publishes the monthly report; leaders read it; both download the Excel
// export for the mine's leadership (GET /api/reports/2026-11.xlsx).
import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  isReportMonth,
  REPORT_ITEMS_DEFAULT_LIMIT,
  type ReportExclusionPage,
  reportExclusionPageView,
  reportExclusionsQuery,
  type ReportFigures,
  reportFiguresView,
  reportItemEditBody,
  type ReportItemPage,
  reportItemPageView,
  reportItemsQuery,
  reportPublishBody,
  reportVersionQuery,
  reportView,
} from '@minqing/shared';
import type { FastifyReply } from 'fastify';
import { RequireRole } from '../common/access.decorators.js';
import { CurrentUser, orgWhereRole, type AuthUser } from '../users/auth-user.js';
import { OrgRepository } from '../org/org.repository.js';
import type { Organization } from '../org/entities/organization.entity.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { ReportExport } from './report-export.js';
import { ReportFiguresBuilder } from './report-figures.js';
import { type OrgRef, ReportsService } from './reports.service.js';
import { ApiContract } from '../common/openapi.js';
import { parseOrThrow } from '../common/schema.pipe.js';

/**
 * The report's view goes out as the JSON text the service wrote (its figures as stored): sent as it is,
 * not serialised again.
 */
function json(reply: FastifyReply, text: string): string {
  void reply.type('application/json; charset=utf-8');
  return text;
}

@ApiTags('reports')
@ApiBearerAuth()
@RequireRole('coordinator', 'leader')
@Controller('api/reports')
export class ReportsController {
  constructor(
    @Inject(ReportsService) private readonly reports: ReportsService,
    @Inject(ReportExport) private readonly exports: ReportExport,
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(ReportFiguresBuilder) private readonly figures: ReportFiguresBuilder,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  private async orgOf(auth: AuthUser, roles: Array<'coordinator' | 'leader'>): Promise<Organization> {
    return (await this.orgs.findOrgById(orgWhereRole(auth, roles)))!;
  }

  /** The organisation by the id the staff's role holds, for the views that read nothing else of it. */
  private orgRefOf(auth: AuthUser): OrgRef {
    return { id: orgWhereRole(auth, ['coordinator', 'leader']) };
  }

  @Get('live/:month')
  @ApiOperation({ summary: "The dashboard: any month's figures computed now (the current month included), not saved" })
  @ApiContract({ response: reportFiguresView })
  async live(@CurrentUser() auth: AuthUser, @Param('month') month: string): Promise<ReportFigures> {
    const org = await this.orgOf(auth, ['coordinator', 'leader']);
    if (!isReportMonth(month)) throw new DomainError('REPORT_MONTH_INVALID');
    return this.figures.live(org, month, () => this.clock.now());
  }

  @Get(':month/items')
  @ApiOperation({ summary: "A page of the month's items (the view holds the first): ?cursor= the page before's `next`, ?limit= 1–100 (50)" })
  @ApiContract({ query: reportItemsQuery, response: reportItemPageView })
  async items(@CurrentUser() auth: AuthUser, @Param('month') month: string, @Query() query: unknown): Promise<ReportItemPage> {
    const org = this.orgRefOf(auth);
    const { cursor, limit, version } = parseOrThrow(reportItemsQuery, query ?? {}, { code: 'first' });
    return this.reports.itemPage(org, month, cursor, limit ?? REPORT_ITEMS_DEFAULT_LIMIT, version ? Number(version) || -1 : undefined);
  }

  @Get(':month/exclusions')
  @ApiOperation({ summary: "A page of the shown version's 核减 entries (the view holds the first): ?cursor= the page before's `exclusionsNext` or `next`, ?limit= 1–100 (50)" })
  @ApiContract({ query: reportExclusionsQuery, response: reportExclusionPageView })
  async exclusions(@CurrentUser() auth: AuthUser, @Param('month') month: string, @Query() query: unknown): Promise<ReportExclusionPage> {
    const org = this.orgRefOf(auth);
    const { cursor, limit, version } = parseOrThrow(reportExclusionsQuery, query ?? {}, { code: 'first' });
    return this.reports.exclusionPage(org, month, cursor, limit ?? REPORT_ITEMS_DEFAULT_LIMIT, version ? Number(version) || -1 : undefined);
  }

  @Get(':month')
  @ApiOperation({ summary: "The month's report for the office (draft or latest version); `2026-11.xlsx` downloads the Excel export" })
  @ApiContract({ query: reportVersionQuery, response: reportView, files: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] })
  async get(
    @CurrentUser() auth: AuthUser,
    @Param('month') month: string,
    @Query('version') version: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | Buffer> {
    if (month.endsWith('.xlsx')) {
      const org = await this.orgOf(auth, ['coordinator', 'leader']);
      const file = await this.exports.workbook(org, month.slice(0, -5), auth);
      void reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${org.code}-${month}"; filename*=UTF-8''${encodeURIComponent(`${org.name}职工诉求${month}`)}`);
      return file;
    }
    return json(reply, await this.reports.view(this.orgRefOf(auth), month, version ? Number(version) || -1 : undefined));
  }

  @RequireRole('coordinator')
  @Post(':month/draft')
  @HttpCode(200)
  @ApiOperation({ summary: 'Draft the month (or refresh the open draft, keeping the edits; after publication: start a correction)' })
  @ApiContract({ response: reportView })
  async draft(@CurrentUser() auth: AuthUser, @Param('month') month: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return json(reply, await this.reports.draft(await this.orgOf(auth, ['coordinator']), month));
  }

  @RequireRole('coordinator')
  @Patch(':month/items/:item')
  @ApiOperation({ summary: 'Edit an item of the draft: its public summary, and whether it is listed (the view answered has the item as saved in `edited`)' })
  @ApiContract({ body: reportItemEditBody, example: { summary: '女职工澡堂开放时间延长至 21:30', included: true }, response: reportView })
  async editItem(
    @CurrentUser() auth: AuthUser,
    @Param('month') month: string,
    @Param('item') item: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return json(reply, await this.reports.editItem(await this.orgOf(auth, ['coordinator']), month, item, body));
  }

  @RequireRole('coordinator')
  @Post(':month/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish the draft as an immutable version (a correction needs a note)' })
  @ApiContract({ body: reportPublishBody, example: { note: '更正:补充 2 件已办结事项' }, response: reportView })
  async publish(@CurrentUser() auth: AuthUser, @Param('month') month: string, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return json(reply, await this.reports.publish(await this.orgOf(auth, ['coordinator']), month, auth.user.id, body));
  }
}
