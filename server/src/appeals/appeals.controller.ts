import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { APPEAL_QUEUES, appealListQuery, appealListView, type AppealSummaryView, appealView, type AppealView, messageBody, submitAppealBody } from '@minqing/shared';
import type { FastifyReply } from 'fastify';
import { CurrentUser, type AuthUser } from '../users/auth-user.js';
import { AppealsService } from './appeals.service.js';
import { ApiContract } from '../common/openapi.js';

const QUEUES = APPEAL_QUEUES;

@ApiTags('appeals')
@ApiBearerAuth()
@Controller('api/appeals')
export class AppealsController {
  constructor(@Inject(AppealsService) private readonly appeals: AppealsService) {}

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
  @ApiOperation({ summary: "scope=mine: my appeals, newest first; otherwise the appeals in the staff member's scope" })
  @ApiContract({ query: appealListQuery, response: appealListView })
  async list(@CurrentUser() auth: AuthUser, @Query() query: Record<string, string | undefined>): Promise<{ items: AppealSummaryView[] }> {
    if (query.scope === 'mine') return { items: await this.appeals.listMine(auth) };
    const queue = QUEUES.find((q) => q === query.queue);
    const text = (name: string) => (typeof query[name] === 'string' && query[name] !== '' ? query[name] : undefined);
    const items = await this.appeals.listForStaff(auth, {
      status: text('status'),
      category: text('category'),
      department: text('department'),
      month: text('month'),
      text: text('text'),
      queue,
      assignee: text('assignee'),
    });
    return { items };
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
