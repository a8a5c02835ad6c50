import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  APPEAL_LIST_DEFAULT_LIMIT,
  APPEAL_LIST_MAX_LIMIT,
  appealListQuery,
  appealListView,
  type AppealListView,
  appealView,
  type AppealView,
  messageBody,
  submitAppealBody,
} from '@minqing/shared';
import type { FastifyReply } from 'fastify';
import { CurrentUser, type AuthUser } from '../users/auth-user.js';
import { AppealListService } from './appeal-list.service.js';
import { AppealsService } from './appeals.service.js';
import { ApiContract } from '../common/openapi.js';

@ApiTags('appeals')
@ApiBearerAuth()
@Controller('api/appeals')
export class AppealsController {
  constructor(
    @Inject(AppealsService) private readonly appeals: AppealsService,
    @Inject(AppealListService) private readonly lists: AppealListService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Submit an appeal; the same Idempotency-Key returns the same appeal (201 new, 200 replay)' })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: '8–64 letters, digits, - or _; one per draft' })
  @ApiContract({
    body: submitAppealBody,
    example: {
      org: 'cy',
      category: 'living',
      content: '2号宿舍楼顶的喇叭太响,影响夜班职工休息',
      place: 'dorm2',
      identity: 'named',
      phone: '13800138000',
      photos: [],
      publishConsent: true,
    },
    response: appealView,
    status: [201, 200],
  })
  async submit(
    @CurrentUser() auth: AuthUser,
    @Body() body: unknown,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AppealView> {
    const { appeal, created } = await this.appeals.submit(auth, body, key);
    void reply.status(created ? 201 : 200);
    return appeal;
  }

  @Get()
  @ApiOperation({
    summary: `scope=mine: my appeals, newest first; otherwise the appeals in the staff member's scope, searched (q), filtered and sorted. A page of ${APPEAL_LIST_DEFAULT_LIMIT} (limit: at most ${APPEAL_LIST_MAX_LIMIT}); next: the cursor of the following page, null on the last; counts: the inbox tabs, on the first page`,
  })
  @ApiContract({ query: appealListQuery, response: appealListView })
  list(@CurrentUser() auth: AuthUser, @Query() query: Record<string, string | undefined>): Promise<AppealListView> {
    return this.lists.list(auth, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One appeal with its timeline, as the caller may see it (404 for anyone else)' })
  @ApiContract({ response: appealView })
  get(@CurrentUser() auth: AuthUser, @Param('id') id: string): Promise<AppealView> {
    return this.appeals.get(auth, id);
  }

  @Post(':id/messages')
  @HttpCode(201)
  @ApiOperation({ summary: "Add a message to the appeal's timeline" })
  @ApiContract({ body: messageBody, example: { text: '下夜班是早上八点,希望澡堂能开到九点' }, response: appealView, status: 201 })
  message(@CurrentUser() auth: AuthUser, @Param('id') id: string, @Body() body: unknown): Promise<AppealView> {
    return this.appeals.addMessage(auth, id, body);
  }
}
