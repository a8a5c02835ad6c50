// The ordinary-link QR on a sticker points here. Inside WeChat the link is configured to
// open the mini-program (WeChat hands it the link as `q` and never fetches it); anywhere else it lands on the
// H5 form with the place filled in. Unknown codes still land on the form, which says that the place was not found.
// The rule is registered as <base>/q/, so WeChat looks for its verification file in that folder,
// <base>/q/<file>.txt ("放置于URL中声明的最后一级子目录下", https://developers.weixin.qq.com/miniprogram/introduction/qrcode):
// that one name is answered with the file's content instead of the form.
//
// When this server holds the H5 build, the sticker's URL answers the app's index.html itself: a 302 to
// /#/pages/submit/index?… was a whole round trip (300 ms on a weak signal) before the page was even asked for.
// The page's inline script reads the org and place from the path and puts the form's address in its place
// (history.replaceState, no reload), so the router opens the form as the redirect did and a reload or a shared
// link is the form's address. Without the H5 build here (the API tests; a proxy serving it from elsewhere) the
// redirect stays.
import fs from 'node:fs/promises';
import path from 'node:path';
import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { isValidCode } from '@minqing/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../common/access.decorators.js';
import { OrgRepository } from './org.repository.js';
import { ApiFile, ApiRedirect } from '../common/openapi.js';
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

const FORM_PAGE = 'The H5 app (its index.html) when this server holds the H5 build; the page opens the submit form';

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
  @ApiFile(['text/html', 'text/plain'], `${FORM_PAGE}; the verification file as text`)
  async org(@Param('org') org: string, @Res() reply: FastifyReply): Promise<void> {
    const file = this.config.wechat.linkQrVerifyFile;
    if (file && org === file.name) return void reply.header('content-type', 'text/plain; charset=utf-8').send(file.content);
    await this.land(reply, org);
  }

  @Public()
  @Get(':org/:place')
  @ApiRedirect('To the H5 submit form with the place filled in (the scan is counted)')
  @ApiFile('text/html', FORM_PAGE)
  async place(@Param('org') org: string, @Param('place') place: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    // Counted per place, so the office sees which stickers are used (and which hang unseen); a few an hour per address.
    if (isValidCode(org) && isValidCode(place) && (await this.scans.counts(request.ip, org, place).catch(() => false))) await this.orgs.countScan(org, place).catch(() => false);
    await this.land(reply, org, place);
  }

  /** The H5 app's page at the sticker's own URL, or the redirect to the form when this server does not hold it. */
  private async land(reply: FastifyReply, org: string, place?: string): Promise<void> {
    // Read per request, as the static files are: a new build is served without a restart.
    const page = await fs.readFile(path.join(this.config.h5Dir, 'index.html')).catch(() => null);
    if (!page) return void reply.redirect(submitFormPath(org, place), 302);
    // Revalidated on every visit: the page names the build's hashed bundles, which a new build replaces.
    void reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').send(page);
  }
}
