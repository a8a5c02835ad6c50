// The published reports and the resolved list as JSON, for the mini-program's public tab.
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  publicMonthsView,
  publicReportItemPageView,
  type PublicReportItemPage,
  REPORT_ITEMS_DEFAULT_LIMIT,
  reportItemsQuery,
  publicReportView,
  type PublicReportView,
  type PublicResolvedItem,
  publicResolvedListView,
  reportVersionQuery,
  withoutBidiControls,
} from '@minqing/shared';
import { Public } from '../common/access.decorators.js';
import { OrgRepository } from '../org/org.repository.js';
import { ReportsService } from './reports.service.js';
import { ApiContract } from '../common/openapi.js';
import { parseOrThrow } from '../common/schema.pipe.js';
import { Throttled } from '../throttle/throttle.guard.js';

@ApiTags('public')
@Throttled('public')
@Controller('api/public/orgs/:org')
export class PublicReportsController {
  constructor(
    @Inject(ReportsService) private readonly reports: ReportsService,
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
  ) {}

  @Public()
  @Get('reports')
  @ApiOperation({ summary: 'The published months, newest first' })
  @ApiContract({ response: publicMonthsView })
  async months(@Param('org') code: string): Promise<{ months: Array<{ month: string; version: number }> }> {
    const org = await this.orgs.requireOrgByCode(code);
    return { months: (await this.reports.publishedMonths(org)).map((r) => ({ month: r.month, version: r.version })) };
  }

  @Public()
  @Get('reports/:month')
  @ApiOperation({ summary: 'A published monthly report (the latest version, or ?version=N), with the first page of its items' })
  @ApiContract({ query: reportVersionQuery, response: publicReportView })
  async report(@Param('org') code: string, @Param('month') month: string, @Query('version') version?: string): Promise<PublicReportView> {
    // What is published reads as it was written: no bidirectional overrides in any text.
    return withoutBidiControls(
      await this.reports.publicReport(await this.orgs.requireOrgByCode(code), month, version ? Number(version) || -1 : undefined, undefined, { page: REPORT_ITEMS_DEFAULT_LIMIT }),
    );
  }

  @Public()
  @Get('reports/:month/items')
  @ApiOperation({ summary: "A page of a published month's items: ?cursor= the page before's `next` (it names the version), ?limit= 1–100 (50)" })
  @ApiContract({ query: reportItemsQuery, response: publicReportItemPageView })
  async items(@Param('org') code: string, @Param('month') month: string, @Query() query: unknown): Promise<PublicReportItemPage> {
    const org = await this.orgs.requireOrgByCode(code);
    const { cursor, limit, version } = parseOrThrow(reportItemsQuery, query ?? {}, { code: 'first' });
    return withoutBidiControls(await this.reports.publicItemPage(org, month, cursor, limit ?? REPORT_ITEMS_DEFAULT_LIMIT, version ? Number(version) || -1 : undefined));
  }

  @Public()
  @Get('resolved')
  @ApiOperation({ summary: 'Published resolved appeals, newest first' })
  @ApiContract({ response: publicResolvedListView })
  async resolved(@Param('org') code: string): Promise<{ items: PublicResolvedItem[] }> {
    return { items: withoutBidiControls(await this.reports.publicResolved(await this.orgs.requireOrgByCode(code))) };
  }
}
