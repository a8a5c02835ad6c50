import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { cannedReplyCreateBody, cannedReplyListView, cannedReplyQuery, cannedReplyUpdateBody, cannedReplyView, type CannedReplyView } from '@minqing/shared';
import { RequireRole } from '../common/access.decorators.js';
import { ApiContract } from '../common/openapi.js';
import { CurrentUser, type AuthUser } from '../users/auth-user.js';
import { CannedRepliesService } from './canned-replies.service.js';

@ApiTags('canned-replies')
@ApiBearerAuth()
@Controller('api/canned-replies')
export class CannedRepliesController {
  constructor(@Inject(CannedRepliesService) private readonly replies: CannedRepliesService) {}

  @Get()
  @RequireRole('coordinator', 'leader', 'handler', 'admin')
  @ApiOperation({ summary: '常用回复 of the caller’s mine: with ?category, that category’s and those for every category' })
  @ApiContract({ query: cannedReplyQuery, response: cannedReplyListView })
  list(@CurrentUser() auth: AuthUser, @Query('category') category?: string): Promise<CannedReplyView[]> {
    return this.replies.list(auth, typeof category === 'string' ? category : undefined);
  }

  @Post()
  @HttpCode(201)
  @RequireRole('coordinator', 'admin')
  @ApiOperation({ summary: 'Adds a 常用回复 (the office or the administrator)' })
  @ApiContract({ body: cannedReplyCreateBody, example: { category: 'living', text: '您反映的问题已转后勤管理部处理,我们会跟踪到底。' }, response: cannedReplyView, status: 201 })
  create(@CurrentUser() auth: AuthUser, @Body() body: unknown): Promise<CannedReplyView> {
    return this.replies.create(auth, body);
  }

  @Patch(':id')
  @RequireRole('coordinator', 'admin')
  @ApiOperation({ summary: 'Changes a 常用回复’s text or category' })
  @ApiContract({ body: cannedReplyUpdateBody, response: cannedReplyView })
  update(@CurrentUser() auth: AuthUser, @Param('id') id: string, @Body() body: unknown): Promise<CannedReplyView> {
    return this.replies.update(auth, id, body);
  }

  @Delete(':id')
  @RequireRole('coordinator', 'admin')
  @ApiOperation({ summary: 'Deletes a 常用回复; answers those that remain' })
  @ApiContract({ response: cannedReplyListView })
  remove(@CurrentUser() auth: AuthUser, @Param('id') id: string): Promise<CannedReplyView[]> {
    return this.replies.remove(auth, id);
  }
}
