// Hardship relief over HTTP: the office proposes, a leader and the named approver decide, the worker
// claims — or the office withdraws it before they do; the administrator sets the month's budget and the approver.
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  reliefDecisionBody,
  reliefListView,
  reliefProposalBody,
  reliefSettingsBody,
  type ReliefSettingsRequest,
  reliefSettingsView,
  reliefSettingsStateView,
  type ReliefSettingsStateView,
  type ReliefView,
  reliefView,
  reliefWithdrawBody,
  yuan,
} from '@minqing/shared';
import { RequireRole } from '../common/access.decorators.js';
import { Clock } from '../common/clock.js';
import { CurrentUser, orgWhereRole, type AuthUser } from '../users/auth-user.js';
import { WechatService } from '../wechat/wechat.service.js';
import type { ReliefRecord } from './entities/relief-record.entity.js';
import { workerReasonText } from './fail-reasons.js';
import { ReliefSettingsService } from './relief-settings.js';
import { ReliefService } from './relief.service.js';
import { ApiContract } from '../common/openapi.js';
import { ValidBody } from '../common/schema.pipe.js';

@ApiTags('relief')
@ApiBearerAuth()
@Controller('api')
export class ReliefController {
  constructor(
    @Inject(ReliefService) private readonly relief: ReliefService,
    @Inject(WechatService) private readonly wechat: WechatService,
    @Inject(ReliefSettingsService) private readonly reliefSettings: ReliefSettingsService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Post('appeals/:id/relief')
  @ApiOperation({ summary: '申请救助金 (coordinator) on a 困难救助 appeal: amount in whole fen, and the reason' })
  @ApiContract({ body: reliefProposalBody, example: { amountFen: 50000, reason: '家中老人住院,经核实生活困难' }, response: reliefView, status: 201 })
  async propose(@CurrentUser() auth: AuthUser, @Param('id') id: string, @Body() body: unknown): Promise<ReliefView> {
    return this.view(await this.relief.propose(auth, id, body), false);
  }

  @Get('appeals/:id/relief')
  @ApiOperation({ summary: 'The relief of an appeal: staff see the reason and approvals; the worker the amount and the claim' })
  @ApiContract({ response: reliefListView })
  async list(@CurrentUser() auth: AuthUser, @Param('id') id: string): Promise<{ items: ReliefView[] }> {
    const { records, owner } = await this.relief.forAppeal(auth, id);
    return { items: records.filter((r) => !owner || !['proposed', 'refused'].includes(r.state)).map((r) => this.view(r, owner)) };
  }

  @Post('relief/:id/decision')
  @HttpCode(200)
  @ApiOperation({ summary: '审批 (a leader, or the approver the admin named; never the proposer)' })
  @ApiContract({ body: reliefDecisionBody, example: { approve: true }, response: reliefView })
  async decide(@CurrentUser() auth: AuthUser, @Param('id') id: string, @Body() body: unknown): Promise<ReliefView> {
    return this.view(await this.relief.decide(auth, id, body), false);
  }

  @Post('relief/:id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: '撤回 (the office) a relief the worker has not confirmed yet: WeChat Pay cancels the transfer and the budget is given back' })
  @ApiContract({ body: reliefWithdrawBody, example: { reason: '金额填错了,重新申请' }, response: reliefView })
  async withdraw(@CurrentUser() auth: AuthUser, @Param('id') id: string, @Body() body: unknown): Promise<ReliefView> {
    return this.view(await this.relief.withdraw(auth, id, body), false);
  }

  @Post('relief/:id/claimed')
  @HttpCode(200)
  @ApiOperation({ summary: 'The worker confirmed the transfer in WeChat (wx.requestMerchantTransfer succeeded)' })
  @ApiContract({ response: reliefView })
  async claimed(@CurrentUser() auth: AuthUser, @Param('id') id: string): Promise<ReliefView> {
    return this.view(await this.relief.claimed(auth, id), true);
  }

  @RequireRole('admin')
  @Get('admin/relief-settings')
  @ApiOperation({ summary: "The month's relief budget and what is committed of it, the approver and whom the administrator may name, the per-transfer window" })
  @ApiContract({ response: reliefSettingsStateView })
  settingsView(@CurrentUser() auth: AuthUser): Promise<ReliefSettingsStateView> {
    return this.reliefSettings.view(orgWhereRole(auth, ['admin']), this.clock.now());
  }

  @RequireRole('admin')
  @Put('admin/relief-settings')
  @ApiOperation({ summary: "The month's relief budget (whole fen) and the approver besides the leaders (openid)" })
  @ApiContract({ response: reliefSettingsView })
  async settings(
    @CurrentUser() auth: AuthUser,
    @ValidBody(reliefSettingsBody, { code: 'RELIEF_SETTINGS_INVALID', nonObject: 'empty', example: { monthlyBudgetFen: 1000000, approver: 'cy_office_head' } })
    input: ReliefSettingsRequest,
  ): Promise<{ monthlyBudgetFen: number | null; approver: string | null }> {
    return this.reliefSettings.save(orgWhereRole(auth, ['admin']), auth.user.id, input);
  }

  private view(record: ReliefRecord, owner: boolean): ReliefView {
    const pay = this.wechat.pay?.keys;
    const claim = record.state === 'wait_user_confirm' && record.packageInfo && pay ? { mchId: pay.mchid, appId: pay.appid, package: record.packageInfo } : null;
    const base: ReliefView = { id: record.id, amountFen: record.amountFen, amount: yuan(record.amountFen), state: record.state, claim: owner ? claim : null };
    if (owner) return { ...base, failReason: workerReasonText(record.failReason) };
    return { ...base, reason: record.reason, approvals: { leader: record.leaderApprovedBy !== null, approver: record.approverApprovedBy !== null }, failReason: record.failReason };
  }
}
