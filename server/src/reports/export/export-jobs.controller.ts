// The office's and the leaders' Excel export as a job: start it, watch it, download the file.
import { Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { reportExportView, type ReportExportView } from '@minqing/shared';
import type { FastifyReply } from 'fastify';
import { Public, RequireRole } from '../../common/access.decorators.js';
import { ApiContract, ApiFile } from '../../common/openapi.js';
import type { Organization } from '../../org/entities/organization.entity.js';
import { OrgRepository } from '../../org/org.repository.js';
import { CurrentUser, orgWhereRole, type AuthUser } from '../../users/auth-user.js';
import { EXPORT_LINK_TTL_SECONDS } from './export-link.js';
import { ReportExportJobs } from './export-jobs.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('reports')
@Controller('api/reports')
export class ExportJobsController {
  constructor(
    @Inject(ReportExportJobs) private readonly exports: ReportExportJobs,
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
  ) {}

  private async orgOf(auth: AuthUser): Promise<Organization> {
    return (await this.orgs.findOrgById(orgWhereRole(auth, ['coordinator', 'leader'])))!;
  }

  @RequireRole('coordinator', 'leader')
  @ApiBearerAuth()
  @Post(':month/exports')
  @HttpCode(200)
  @ApiOperation({ summary: "Start the month's Excel export, or answer the caller's one already running; a small month is done in this answer" })
  @ApiContract({ response: reportExportView })
  async start(@CurrentUser() auth: AuthUser, @Param('month') month: string): Promise<ReportExportView> {
    return this.exports.start(await this.orgOf(auth), month, auth);
  }

  @RequireRole('coordinator', 'leader')
  @ApiBearerAuth()
  @Get('exports/:id')
  @ApiOperation({ summary: 'How far the caller’s export is (rows written of the month’s); once done, a download link for the caller, for ten minutes' })
  @ApiContract({ response: reportExportView })
  async get(@CurrentUser() auth: AuthUser, @Param('id') id: string): Promise<ReportExportView> {
    return this.exports.get(await this.orgOf(auth), id, auth);
  }

  @Public()
  @Get('exports/:id/file')
  @ApiOperation({ summary: 'The finished export, by the signed link of its view: for its exporter only, while they hold their role, until the file is deleted' })
  @ApiFile(XLSX, 'The Excel file')
  async file(@Param('id') id: string, @Query() link: { v?: string; exp?: string; sig?: string }, @Res() reply: FastifyReply): Promise<void> {
    const { bytes, job } = await this.exports.file(id, link);
    void reply
      .header('content-type', XLSX)
      .header('cache-control', `private, max-age=${EXPORT_LINK_TTL_SECONDS}`)
      .header('content-disposition', `attachment; filename="report-${job.month}.xlsx"; filename*=UTF-8''${encodeURIComponent(`职工诉求${job.month}.xlsx`)}`)
      .send(bytes);
  }
}
