// Stickers for the places where they hang: SVG for the printer's own tools, PNG for a phone, and an
// A4 PDF sheet of many for the office printer. The QR is the ordinary link to /q/<org>/<place>, or —
// when the organisation chooses — WeChat's mini-program code for the scene o=<org>&s=<place>.
import { Inject, Injectable } from '@nestjs/common';
import { buildScene, SCENE_MAX_LENGTH } from '@minqing/shared';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { DomainError } from '../common/domain-error.js';
import type { Organization } from '../org/entities/organization.entity.js';
import type { Place } from '../org/entities/place.entity.js';
import { sectionOf } from '../org/org-settings.js';
import { OrgRepository } from '../org/org.repository.js';
import { WechatApiError } from '../wechat/wechat-api.client.js';
import { WechatService } from '../wechat/wechat.service.js';
import { imageMime, STICKER_HEIGHT, STICKER_WIDTH, stickerSvg, type StickerCode } from './sticker-svg.js';

/** A4 in PDF points; stickers 2 across and 2 down, 90 × 120 mm each, with room to cut. */
const A4 = { width: 595.28, height: 841.89 };
const MM = 72 / 25.4;
const SHEET = { columns: 2, rows: 2, width: 90 * MM, height: 120 * MM };
/**
 * Mini-program codes kept in memory: a code for a scene never changes, and WeChat limits
 * getwxacodeunlimit (5000 a minute) and advises generating codes ahead ("建议预生成",
 * https://developers.weixin.qq.com/miniprogram/dev/server/API/qrcode-link/qr-code/api_getunlimitedqrcode).
 * ~30 KB each; the oldest goes first beyond this many.
 */
const CODE_CACHE_SIZE = 2000;

@Injectable()
export class StickersService {
  constructor(
    @Inject(OrgRepository) private readonly orgs: OrgRepository,
    @Inject(WechatService) private readonly wechat: WechatService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private readonly codes = new Map<string, Extract<StickerCode, { kind: 'wxacode' }>>();

  landingUrl(org: Organization, place: Place): string {
    return `${this.config.publicBaseUrl}/q/${org.code}/${place.code}`;
  }

  async svg(org: Organization, placeCode: string): Promise<string> {
    const place = await this.place(org, placeCode);
    return stickerSvg({ orgName: org.name, slogan: org.slogan, placeName: place.name, code: await this.code(org, place) });
  }

  /** 1200 × 1600 pixels: sharp enough to print at the sticker's size. */
  async png(org: Organization, placeCode: string): Promise<Buffer> {
    return this.render(await this.svg(org, placeCode));
  }

  /** Every place's sticker (or the ones named), four to an A4 page. */
  async pdf(org: Organization, placeCodes?: string[]): Promise<{ pdf: Buffer; stickers: number }> {
    const places = (await this.orgs.listActivePlaces(org.id)).filter((p) => !placeCodes || placeCodes.includes(p.code));
    const images = [];
    for (const place of places) {
      images.push(await this.render(stickerSvg({ orgName: org.name, slogan: org.slogan, placeName: place.name, code: await this.code(org, place) })));
    }
    const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false, info: { Title: `${org.name} 小蓝码`, Author: '民情一码通' } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
    const perPage = SHEET.columns * SHEET.rows;
    const gapX = (A4.width - SHEET.columns * SHEET.width) / (SHEET.columns + 1);
    const gapY = (A4.height - SHEET.rows * SHEET.height) / (SHEET.rows + 1);
    images.forEach((image, i) => {
      if (i % perPage === 0) doc.addPage();
      const slot = i % perPage;
      const x = gapX + (slot % SHEET.columns) * (SHEET.width + gapX);
      const y = gapY + Math.floor(slot / SHEET.columns) * (SHEET.height + gapY);
      doc.image(image, x, y, { width: SHEET.width, height: SHEET.height });
      // A thin cut line around each sticker.
      doc
        .rect(x - 2, y - 2, SHEET.width + 4, SHEET.height + 4)
        .lineWidth(0.3)
        .strokeColor('#999999')
        .stroke();
    });
    if (!images.length) doc.addPage();
    doc.end();
    await done;
    return { pdf: Buffer.concat(chunks), stickers: images.length };
  }

  private async place(org: Organization, code: string): Promise<Place> {
    const place = (await this.orgs.listActivePlaces(org.id)).find((p) => p.code === code);
    if (!place) throw DomainError.notFound('PLACE_UNKNOWN');
    return place;
  }

  private async code(org: Organization, place: Place): Promise<StickerCode> {
    if (sectionOf(org, 'stickers').qr === 'link') return { kind: 'link', url: this.landingUrl(org, place) };
    const scene = `o=${org.code}&s=${place.code}`;
    if (scene.length > SCENE_MAX_LENGTH) throw new DomainError('PLACE_CODE_TOO_LONG', { scene });
    const request = { scene: buildScene(org.code, place.code), page: 'pages/submit/index', check_path: false, env_version: this.config.wechat.envVersion, width: 430 };
    const key = JSON.stringify(request);
    const cached = this.codes.get(key);
    if (cached) return cached;
    try {
      const image = await this.wechat.client.getUnlimitedQrCode(request);
      const mime = imageMime(image);
      if (mime) {
        const code = { kind: 'wxacode' as const, image, mime };
        if (this.codes.size >= CODE_CACHE_SIZE) this.codes.delete(this.codes.keys().next().value!);
        this.codes.set(key, code);
        return code;
      }
      throw new WechatApiError('getwxacodeunlimit', -1, 'an image that is neither JPEG nor PNG');
    } catch (error) {
      throw new DomainError('WECHAT_UNAVAILABLE', error instanceof WechatApiError ? { errcode: error.errcode, errmsg: error.errmsg } : undefined);
    }
  }

  private render(svg: string): Promise<Buffer> {
    // Flattened on white: an opaque image prints the same everywhere (and embeds in a PDF as one image).
    return sharp(Buffer.from(svg), { density: 144 })
      .resize(STICKER_WIDTH * 2, STICKER_HEIGHT * 2)
      .flatten({ background: '#ffffff' })
      .png()
      .toBuffer();
  }
}
