import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AppealSummaryView, AppealView } from '@minqing/shared';
import type { FastifyReply } from 'fastify';
import { CurrentUser, type AuthUser } from '../users/auth-user.js';
import { AppealsService } from './appeals.service.js';

const QUEUES = ['new', 'review', 'calls', 'overdue', 'supervised', 'due_soon', 'extensions'] as const;

@ApiTags('appeals')
@ApiBearerAuth()
@Controller('api/appeals')
export class AppealsController {
  constructor(@Inject(AppealsService) private readonly appeals: AppealsService) {}

  @Post()
  @ApiOperation({ summary: 'Submit an appeal; the same Idempotency-Key returns the same appeal (201 new, 200 replay)' })
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: '8–64 letters, digits, - or _; one per draft' })
  @ApiBody({
    schema: {
      example: { org: 'cy', category: 'living', content: '2号宿舍楼顶的喇叭太响,影响夜班职工休息', place: 'dorm2', identity: 'named', phone: '13800138000', photos: [], publishConsent: true },
    },
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
  @ApiOperation({ summary: 'scope=mine: my appeals, newest first; otherwise the appeals in the staff member\'s scope' })
  @ApiQuery({ name: 'scope', required: false, enum: ['mine'] })
  @ApiQuery({ name: 'status', required: false })
  @ApiQuery({ name: 'category', required: false })
  @ApiQuery({ name: 'department', required: false })
  @ApiQuery({ name: 'month', required: false, description: 'YYYY-MM' })
  @ApiQuery({ name: 'text', required: false })
  @ApiQuery({ name: 'queue', required: false, enum: QUEUES })
  @ApiQuery({ name: 'assignee', required: false, enum: ['me'] })
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
  get(@CurrentUser() auth: AuthUser, @Param('id') id: string): Promise<AppealView> {
    return this.appeals.get(auth, id);
  }

  @Post(':id/messages')
  @HttpCode(201)
  @ApiOperation({ summary: 'Add a message to the appeal\'s timeline' })
  @ApiBody({ schema: { example: { text: '下夜班是早上八点,希望澡堂能开到九点' } } })
  message(@CurrentUser() auth: AuthUser, @Param('id') id: string, @Body() body: unknown): Promise<AppealView> {
    return this.appeals.addMessage(auth, id, body);
  }

  @Post(':id/reveal')
  @HttpCode(200)
  @ApiOperation({ summary: 'The office reveals a confidential worker\'s identity, with a reason that is logged' })
  @ApiBody({ schema: { example: { reason: '需要联系职工核实工资明细' } } })
  reveal(@CurrentUser() auth: AuthUser, @Param('id') id: string, @Body() body: unknown) {
    return this.appeals.revealIdentity(auth, id, body);
  }
}
