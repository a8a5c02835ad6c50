// The administrator prints the 小蓝码: GET /api/admin/stickers/<place>.svg or .png for one place,
// GET /api/admin/stickers.pdf for an A4 sheet of every place (?places=dorm2,bath for some).
import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequireRole } from '../common/access.decorators.js';
import { CurrentUser, orgWhereRole, type AuthUser } from '../users/auth-user.js';
import { DomainError } from '../common/domain-error.js';
import { OrgRepository } from '../org/org.repository.js';
import { StickersService } from './stickers.service.js';
import { ApiFile } from '../common/openapi.js';

@ApiTags('admin')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('api/admin')
export class StickersController {
  constructor(
    @Inject(StickersService) private readonly stickers: StickersService,
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
  ) {}

  private async org(auth: AuthUser) {
    return (await this.orgs.findOrgById(orgWhereRole(auth, ['admin'])))!;
  }

  @Get('stickers.pdf')
  @ApiOperation({ summary: 'An A4 PDF sheet of stickers, four to a page: every place, or ?places=a,b' })
  @ApiFile('application/pdf', 'A4 sheets of stickers, four to a page')
  async sheet(@CurrentUser() auth: AuthUser, @Query('places') places: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const org = await this.org(auth);
    const { pdf, stickers } = await this.stickers.pdf(
      org,
      places
        ? places
            .split(',')
            .map((p) => p.trim())
            .filter(Boolean)
        : undefined,
    );
    void reply
      .header('content-type', 'application/pdf')
      .header('x-sticker-count', String(stickers))
      .header('content-disposition', `attachment; filename="${org.code}-stickers.pdf"`)
      .send(pdf);
  }

  @Get('stickers/:file')
  @ApiOperation({ summary: "One place's sticker: <place>.svg or <place>.png" })
  @ApiFile(['image/svg+xml', 'image/png'], "One place's sticker, 1200 × 1600")
  async one(@CurrentUser() auth: AuthUser, @Param('file') file: string, @Res() reply: FastifyReply): Promise<void> {
    const org = await this.org(auth);
    const match = /^([A-Za-z0-9_-]{1,24})\.(svg|png)$/.exec(file);
    if (!match) throw DomainError.notFound('PLACE_UNKNOWN');
    const [, place, format] = match;
    const disposition = `inline; filename="${org.code}-${place}.${format}"`;
    if (format === 'svg') {
      void reply
        .header('content-type', 'image/svg+xml; charset=utf-8')
        .header('content-disposition', disposition)
        .send(await this.stickers.svg(org, place));
    } else {
      void reply
        .header('content-type', 'image/png')
        .header('content-disposition', disposition)
        .send(await this.stickers.png(org, place));
    }
  }
}
