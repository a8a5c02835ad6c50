// WeChat Pay's notice that a transfer bill reached its final state (MCHTRANSFER.BILL.FINISHED). The
// signature over the raw body is checked against the platform key, a stale timestamp refused, the
// resource decrypted with the APIv3 key; the record is settled idempotently, well within 5 seconds.
import { Controller, HttpCode, Inject, Logger, Post, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../common/domain-error.js';
import { Public } from '../common/access.decorators.js';
import { WechatService } from '../wechat/wechat.service.js';
import { ReliefService } from './relief.service.js';
import { wxpayNoticeBody } from '@minqing/shared';
import { ApiContract, ApiNoContent } from '../common/openapi.js';

@ApiTags('relief')
@Controller('api/wxpay')
export class WxpayNotifyController {
  constructor(
    @Inject(ReliefService) private readonly relief: ReliefService,
    @Inject(WechatService) private readonly wechat: WechatService,
  ) {}

  @Public()
  @Post('notify')
  @HttpCode(204)
  @ApiContract({ body: wxpayNoticeBody })
  @ApiNoContent('Settled (WeChat Pay reads anything but 2xx as not received and sends it again)')
  async notify(@Req() request: RawBodyRequest<FastifyRequest>): Promise<void> {
    const gateway = this.wechat.pay;
    let opened;
    try {
      if (!gateway || !request.rawBody) throw new Error('no pay configuration or empty body');
      opened = gateway.openNotice(request.rawBody.toString('utf8'), request.headers);
    } catch (error) {
      // WeChat Pay reads a non-2xx as "not received" and tries again; a forgery changes nothing.
      new Logger('WxpayNotify').warn(`refused a notice: ${(error as Error).message}`);
      throw new DomainError('PAY_NOTICE_INVALID');
    }
    if (opened.eventType === 'MCHTRANSFER.BILL.FINISHED') await this.relief.settle(opened.bill.out_bill_no, opened.bill);
  }
}
