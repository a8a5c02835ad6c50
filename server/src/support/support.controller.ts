// 同感: a worker's tap, the submit form's look at the place, and the 公示's public counts.
import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  publicSupportsQuery,
  publicSupportsView,
  similarAppealsQuery,
  similarAppealsView,
  supportBody,
  supportView,
  type PublicSupportsView,
  type SimilarAppealsView,
  type SupportRequest,
  type SupportView,
} from '@minqing/shared';
import { Public } from '../common/access.decorators.js';
import { ApiContract } from '../common/openapi.js';
import { ValidBody, ValidQuery } from '../common/schema.pipe.js';
import { Throttled } from '../throttle/throttle.guard.js';
import { CurrentUser, type AuthUser } from '../users/auth-user.js';
import { SupportService } from './support.service.js';

@ApiTags('support')
@Controller()
export class SupportController {
  constructor(@Inject(SupportService) private readonly support: SupportService) {}

  @ApiBearerAuth()
  @Post('api/supports')
  @HttpCode(200)
  @ApiOperation({ summary: '同感 (any signed-in person but the appeal’s own worker): once per person; answers the count, never who' })
  @ApiContract({ response: supportView })
  add(@CurrentUser() auth: AuthUser, @ValidBody(supportBody, { example: { serial: 'CY202612-0001' } }) body: SupportRequest): Promise<SupportView> {
    return this.support.add(auth, body.serial);
  }

  @ApiBearerAuth()
  @Get('api/supports/similar')
  @ApiOperation({ summary: 'Open appeals of this category at this place lately, for the submit form’s 同感 box' })
  @ApiContract({ response: similarAppealsView })
  similar(@CurrentUser() auth: AuthUser, @ValidQuery(similarAppealsQuery) query: { org: string; place: string; category: string }): Promise<SimilarAppealsView> {
    return this.support.similar(auth, query);
  }

  @Public()
  @Throttled('public')
  @Get('api/public/orgs/:org/supports')
  @ApiOperation({ summary: 'The 同感 counts of the listed serials (the 公示’s items), by serial' })
  @ApiContract({ response: publicSupportsView })
  counts(@Param('org') org: string, @ValidQuery(publicSupportsQuery) query: { serials?: string }): Promise<PublicSupportsView> {
    return this.support.publicCounts(org, query.serials);
  }
}
