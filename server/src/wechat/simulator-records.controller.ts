// In the demo and in tests (never in production) what the simulator received is readable
// on the server's own port. This controller is only mounted in simulator mode.
import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../common/access.decorators.js';
import { WechatService } from './wechat.service.js';
import { simulatorPayConfirmBody, simulatorPayConfirmView, simulatorRecordsView } from '@minqing/shared';
import { ApiContract } from '../common/openapi.js';

@ApiTags('simulator')
@Controller('__sim')
export class SimulatorRecordsController {
  constructor(@Inject(WechatService) private readonly wechat: WechatService) {}

  @Public()
  @Get('messages')
  @ApiContract({ response: simulatorRecordsView })
  messages(@Query('touser') touser: string | undefined): unknown[] {
    const records = this.wechat.simulator!.records;
    return touser ? records.messagesTo(touser) : records.received().filter((r) => r.api === 'subscribe/send');
  }

  /** What the departments' 企业微信 group robots posted (all, or one robot's by its key). */
  @Public()
  @Get('robot')
  @ApiContract({ response: simulatorRecordsView })
  robot(@Query('key') key: string | undefined): unknown[] {
    return this.wechat.simulator!.records.robotMessages(key);
  }

  /** In H5 the simulator stands in for wx.requestMerchantTransfer: the worker confirms the bill of this package. */
  @Public()
  @Post('pay/confirm')
  @HttpCode(200)
  @ApiContract({ body: simulatorPayConfirmBody, response: simulatorPayConfirmView })
  async confirm(@Body() body: { package?: unknown } | undefined): Promise<{ state: string | null }> {
    const bill = typeof body?.package === 'string' ? await this.wechat.simulator!.pay!.confirm(body.package) : null;
    return { state: bill?.state ?? null };
  }
}
