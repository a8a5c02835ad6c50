// Seeing a confidential worker's contact: the office's request, the second person's decision, the
// read while it lasts, and the administrator's choice of approver and hours.
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  revealBody,
  revealDecisionBody,
  revealedIdentityView,
  revealRequestListView,
  revealRequestView,
  revealSettingsBody,
  revealSettingsView,
  type RevealRequestView,
  type RevealSettingsRequest,
  type WorkerIdentity,
} from '@minqing/shared';
import { RequireRole } from '../common/access.decorators.js';
import { ApiContract } from '../common/openapi.js';
import { ValidBody } from '../common/schema.pipe.js';
import { CurrentUser, orgWhereRole, type AuthUser } from '../users/auth-user.js';
import { IdentityRevealService } from './identity-reveal.service.js';

@ApiTags('appeals')
@ApiBearerAuth()
@Controller('api')
export class IdentityRevealController {
  constructor(@Inject(IdentityRevealService) private readonly reveals: IdentityRevealService) {}

  @Post('appeals/:id/reveal-requests')
  @ApiOperation({ summary: "申请查看联系方式: the office asks to see a confidential worker's contact, with a reason; a second person decides" })
  @ApiContract({ body: revealBody, example: { reason: '需要联系职工核实工资明细' }, response: revealRequestView, status: 201 })
  request(@CurrentUser() auth: AuthUser, @Param('id') id: string, @Body() body: unknown): Promise<RevealRequestView> {
    return this.reveals.request(auth, id, body);
  }

  @Get('reveal-requests')
  @ApiOperation({ summary: 'The requests to see a contact: the approvers see every one of the organisation, the office its own' })
  @ApiContract({ response: revealRequestListView })
  async list(@CurrentUser() auth: AuthUser): Promise<{ items: RevealRequestView[] }> {
    return { items: await this.reveals.list(auth) };
  }

  @Post('reveal-requests/:id/decision')
  @HttpCode(200)
  @ApiOperation({ summary: '审批 (the party secretary, or the approver the admin named; never the requester)' })
  @ApiContract({ body: revealDecisionBody, example: { approve: true }, response: revealRequestView })
  decide(@CurrentUser() auth: AuthUser, @Param('id') id: string, @Body() body: unknown): Promise<RevealRequestView> {
    return this.reveals.decide(auth, id, body);
  }

  @Post('reveal-requests/:id/contact')
  @HttpCode(200)
  @ApiOperation({ summary: 'The contact, to the requester while the approval lasts; every read is recorded and the worker told' })
  @ApiContract({ response: revealedIdentityView })
  contact(@CurrentUser() auth: AuthUser, @Param('id') id: string): Promise<WorkerIdentity> {
    return this.reveals.contact(auth, id);
  }

  @RequireRole('admin')
  @Put('admin/reveal-settings')
  @ApiOperation({ summary: 'Who approves besides the party secretary (openid), and how many hours an approval lasts (1–168, default 24)' })
  @ApiContract({ response: revealSettingsView })
  settings(
    @CurrentUser() auth: AuthUser,
    @ValidBody(revealSettingsBody, { code: 'REVEAL_SETTINGS_INVALID', nonObject: 'empty', example: { approver: 'cy_leader', hours: 24 } }) input: RevealSettingsRequest,
  ): Promise<{ approver: string | null; hours: number }> {
    return this.reveals.saveSettings(orgWhereRole(auth, ['admin']), auth.user.id, input);
  }
}
