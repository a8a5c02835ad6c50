// One route per transition of the status machine, all through WorkflowService.act. Each answers the appeal as the caller may now see it; a
// transition the machine refuses answers 409 with the current status.
import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ACTION_BODY_SCHEMAS, appealView, type AppealView } from '@minqing/shared';
import type { TransitionAction } from '../appeals/appeal-events.js';
import { CurrentUser, type AuthUser } from '../users/auth-user.js';
import { WorkflowService } from './workflow.service.js';
import { ApiContract } from '../common/openapi.js';

@ApiTags('workflow')
@ApiBearerAuth()
@Controller('api/appeals/:id')
export class WorkflowController {
  constructor(@Inject(WorkflowService) private readonly workflow: WorkflowService) {}

  private act(auth: AuthUser, id: string, action: TransitionAction, body: unknown): Promise<AppealView> {
    return this.workflow.act(auth, id, action, body);
  }

  @Post('accept')
  @HttpCode(200)
  @ApiOperation({ summary: '受理 (coordinator): may fix the category and flag 特事特办' })
  @ApiContract({ body: ACTION_BODY_SCHEMAS.accept, example: { urgent: true, version: 1 }, response: appealView })
  accept(@CurrentUser() a: AuthUser, @Param('id') id: string, @Body() b: unknown) {
    return this.act(a, id, 'accept', b);
  }

  @Post('reject')
  @HttpCode(200)
  @ApiOperation({ summary: '不予受理 (coordinator), with a reason the worker reads' })
  @ApiContract({ body: ACTION_BODY_SCHEMAS.reject, example: { reason: '不属于本矿管理范围' }, response: appealView })
  reject(@CurrentUser() a: AuthUser, @Param('id') id: string, @Body() b: unknown) {
    return this.act(a, id, 'reject', b);
  }

  @Post('withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: '撤回 (the worker, before the office accepts), with a reason' })
  @ApiContract({ body: ACTION_BODY_SCHEMAS.withdraw, example: { reason: '问题已自行解决', version: 1 }, response: appealView })
  withdraw(@CurrentUser() a: AuthUser, @Param('id') id: string, @Body() b: unknown) {
    return this.act(a, id, 'withdraw', b);
  }

  @Post('merge')
  @HttpCode(200)
  @ApiOperation({ summary: '合并 (coordinator) into another appeal, by id or serial' })
  @ApiContract({ body: ACTION_BODY_SCHEMAS.merge, example: { into: 'CY202611-0001' }, response: appealView })
  merge(@CurrentUser() a: AuthUser, @Param('id') id: string, @Body() b: unknown) {
    return this.act(a, id, 'merge', b);
  }

  @Post('dispatch')
  @HttpCode(200)
  @ApiOperation({ summary: '批办单 (leader; coordinator by standing rule); again to amend' })
  @ApiContract({
    body: ACTION_BODY_SCHEMAS.dispatch,
    example: {
      department: 'logistics',
      instructions: '请后勤管理部三日内调低广播音量并调整喇叭位置',
      measures: '调低音量,移位',
      dueAt: '2026-11-27T10:00:00Z',
      reason: '需采购新喇叭',
    },
    response: appealView,
  })
  dispatch(@CurrentUser() a: AuthUser, @Param('id') id: string, @Body() b: unknown) {
    return this.act(a, id, 'dispatch', b);
  }

  @Post('acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: '接单 (handler of the department)' })
  @ApiContract({ body: ACTION_BODY_SCHEMAS.acknowledge, response: appealView })
  acknowledge(@CurrentUser() a: AuthUser, @Param('id') id: string, @Body() b: unknown) {
    return this.act(a, id, 'acknowledge', b);
  }

  @Post('progress')
  @HttpCode(200)
  @ApiOperation({ summary: '进展 (handler); `done` ends the supervision of a scheduled answer' })
  @ApiContract({ body: ACTION_BODY_SCHEMAS.progress, example: { text: '已联系厂家,周五安装', done: false }, response: appealView })
  progress(@CurrentUser() a: AuthUser, @Param('id') id: string, @Body() b: unknown) {
    return this.act(a, id, 'progress', b);
  }

  @Post('respond')
  @HttpCode(200)
  @ApiOperation({ summary: '答复 (handler): resolved / scheduled (plannedAt) / explained' })
  @ApiContract({ body: ACTION_BODY_SCHEMAS.respond, example: { outcome: 'scheduled', text: '新喇叭已订购', plannedAt: '2026-12-05T00:00:00Z' }, response: appealView })
  respond(@CurrentUser() a: AuthUser, @Param('id') id: string, @Body() b: unknown) {
    return this.act(a, id, 'respond', b);
  }

  @Post('return')
  @HttpCode(200)
  @ApiOperation({ summary: '退回重办 (coordinator), with a reason' })
  @ApiContract({ body: ACTION_BODY_SCHEMAS.return, example: { reason: '答复没有说明具体时间' }, response: appealView })
  returnToDepartment(@CurrentUser() a: AuthUser, @Param('id') id: string, @Body() b: unknown) {
    return this.act(a, id, 'return', b);
  }

  @Post('send-back')
  @HttpCode(200)
  @ApiOperation({ summary: '退单 (handler of the department): the sheet back to whoever dispatched it, with a reason; the appeal waits for a new sheet' })
  @ApiContract({ body: ACTION_BODY_SCHEMAS['send-back'], example: { reason: '喇叭归党群工作部管理,不属于后勤管理部职责' }, response: appealView })
  sendBack(@CurrentUser() a: AuthUser, @Param('id') id: string, @Body() b: unknown) {
    return this.act(a, id, 'send-back', b);
  }

  @Post('co-answer')
  @HttpCode(200)
  @ApiOperation({ summary: '协办意见 (handler of a co-handling department): its part of the answer; the lead (主办) answers the appeal' })
  @ApiContract({ body: ACTION_BODY_SCHEMAS['co-answer'], example: { text: '党群工作部已通知广播站调整播放时间' }, response: appealView })
  coAnswer(@CurrentUser() a: AuthUser, @Param('id') id: string, @Body() b: unknown) {
    return this.act(a, id, 'co-answer', b);
  }

  @Post('reply')
  @HttpCode(200)
  @ApiOperation({ summary: '反馈 (coordinator) to the worker, with a public summary suggestion' })
  @ApiContract({ body: ACTION_BODY_SCHEMAS.reply, example: { text: '广播音量已调低', publicSummary: '宿舍楼顶广播音量调低、位置调整' }, response: appealView })
  reply(@CurrentUser() a: AuthUser, @Param('id') id: string, @Body() b: unknown) {
    return this.act(a, id, 'reply', b);
  }

  @Post('calls')
  @HttpCode(200)
  @ApiOperation({ summary: '回访电话 (coordinator): reached / not_reached' })
  @ApiContract({ body: ACTION_BODY_SCHEMAS.calls, example: { result: 'reached', summary: '职工表示理解', attempts: 1 }, response: appealView })
  calls(@CurrentUser() a: AuthUser, @Param('id') id: string, @Body() b: unknown) {
    return this.act(a, id, 'calls', b);
  }

  @Post('extension')
  @HttpCode(200)
  @ApiOperation({ summary: '申请延期 (handler), for a leader to approve' })
  @ApiContract({ body: ACTION_BODY_SCHEMAS.extension, example: { reason: '配件未到', until: '2026-12-10T00:00:00Z' }, response: appealView })
  extension(@CurrentUser() a: AuthUser, @Param('id') id: string, @Body() b: unknown) {
    return this.act(a, id, 'extension', b);
  }

  @Post('extension-decision')
  @HttpCode(200)
  @ApiOperation({ summary: '延期审批 (leader): approve moves the answer deadline' })
  @ApiContract({ body: ACTION_BODY_SCHEMAS['extension-decision'], example: { approve: true, reason: '配件确需时间' }, response: appealView })
  decideExtension(@CurrentUser() a: AuthUser, @Param('id') id: string, @Body() b: unknown) {
    return this.act(a, id, 'extension-decision', b);
  }

  @Post('rate')
  @HttpCode(200)
  @ApiOperation({ summary: '评价 (the worker): satisfied / basic / unsatisfied (reopens once)' })
  @ApiContract({ body: ACTION_BODY_SCHEMAS.rate, example: { rating: 'basic', comment: '解释得很清楚' }, response: appealView })
  rate(@CurrentUser() a: AuthUser, @Param('id') id: string, @Body() b: unknown) {
    return this.act(a, id, 'rate', b);
  }

  @Post('reopen')
  @HttpCode(200)
  @ApiOperation({ summary: '重新办理 (coordinator), once' })
  @ApiContract({ body: ACTION_BODY_SCHEMAS.reopen, example: { reason: '职工反映问题仍未解决' }, response: appealView })
  reopen(@CurrentUser() a: AuthUser, @Param('id') id: string, @Body() b: unknown) {
    return this.act(a, id, 'reopen', b);
  }
}
