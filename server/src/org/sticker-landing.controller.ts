// The ordinary-link QR on a sticker points here. Inside WeChat the link is configured to
// open the mini-program; anywhere else it lands on the H5 form with the place filled in. Unknown
// codes still land on the form, which says that the place was not found.
// The rule is registered as <base>/q/, so WeChat looks for its verification file in that folder,
// <base>/q/<file>.txt ("放置于URL中声明的最后一级子目录下", https://developers.weixin.qq.com/miniprogram/introduction/qrcode):
// that one name is answered with the file's content instead of a redirect.
import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { isValidCode } from '@minqing/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../common/access.decorators.js';
import { OrgRepository } from './org.repository.js';
import { ApiRedirect } from '../common/openapi.js';
import { ScanLimit } from '../throttle/throttle-counters.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';

export function submitFormPath(org?: string, place?: string): string {
  const query = new URLSearchParams();
  if (isValidCode(org)) query.set('org', org);
  if (isValidCode(place)) query.set('place', place);
  const qs = query.toString();
  return `/#/pages/submit/index${qs ? `?${qs}` : ''}`;
}

@ApiTags('stickers')
@Controller('q')
export class StickerLandingController {
  constructor(
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(ScanLimit) private readonly scans: ScanLimit,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get(':org')
  @ApiRedirect("To the H5 submit form of the organisation; the link-QR rule's verification file (<name>.txt) is answered as text")
  @ApiProduces('text/plain')
  org(@Param('org') org: string, @Res() reply: FastifyReply): void {
    const file = this.config.wechat.linkQrVerifyFile;
    if (file && org === file.name) return void reply.header('content-type', 'text/plain; charset=utf-8').send(file.content);
    void reply.redirect(submitFormPath(org), 302);
  }

  @Public()
  @Get(':org/:place')
  @ApiRedirect('To the H5 submit form with the place filled in (the scan is counted)')
  async place(@Param('org') org: string, @Param('place') place: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    // Counted per place, so the office sees which stickers are used (and which hang unseen); a few an hour per address.
    if (isValidCode(org) && isValidCode(place) && (await this.scans.counts(request.ip, org, place).catch(() => false))) await this.orgs.countScan(org, place).catch(() => false);
    void reply.redirect(submitFormPath(org, place), 302);
  }
}
