import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { markNoticesReadBody, noticeListView, type NoticeView, unreadView } from '@minqing/shared';
import { CurrentUser, type AuthUser } from '../users/auth-user.js';
import { Clock } from '../common/clock.js';
import { NoticesRepository } from './notices.repository.js';
import { ApiContract } from '../common/openapi.js';

@ApiTags('me')
@ApiBearerAuth()
@Controller('api/me/notices')
export class NoticesController {
  constructor(
    @Inject(NoticesRepository) private readonly notices: NoticesRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'My in-app inbox, newest first, with the unread count (the red dot)' })
  @ApiContract({ response: noticeListView })
  async list(@CurrentUser() auth: AuthUser): Promise<{ items: NoticeView[]; unread: number }> {
    const [rows, unread] = await Promise.all([this.notices.listForUser(auth.user.id, 50), this.notices.countUnread(auth.user.id)]);
    const items = rows.map((n) => ({
      id: n.id,
      appealId: n.appealId,
      title: n.title,
      body: n.body,
      read: n.readAt !== null,
      createdAt: n.createdAt.toISOString(),
    }));
    return { items, unread };
  }

  @Post('read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark my notices read (all, or those of one appeal)' })
  @ApiContract({ body: markNoticesReadBody, response: unreadView })
  async markRead(@CurrentUser() auth: AuthUser, @Body() body: { appealId?: string } | undefined): Promise<{ unread: number }> {
    await this.notices.markRead(auth.user.id, this.clock.now(), typeof body?.appealId === 'string' ? body.appealId : undefined);
    return { unread: await this.notices.countUnread(auth.user.id) };
  }
}
