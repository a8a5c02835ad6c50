// The 小蓝码 as an SVG: blue, the organisation's slogan large, a QR in a white field, the place's
// name under it. 600 × 800 units (a 60 × 80 mm sticker at 10 units a millimetre).
import QRCode from 'qrcode';
import { escapeHtml } from '../reports/html.js';

export const STICKER_WIDTH = 600;
export const STICKER_HEIGHT = 800;
const BLUE = '#0d47a1';
const FONT = 'font-family="Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif"';

/** What goes in the white field: the modules of an ordinary QR, or WeChat's mini-program code (an image). */
export type StickerCode = { kind: 'link'; url: string } | { kind: 'wxacode'; image: Buffer; mime: 'image/jpeg' | 'image/png' };

/**
 * The image's type read from its first bytes. WeChat answers getwxacodeunlimit with JPEG; an image
 * labelled with the wrong type is not drawn at all (librsvg draws nothing for a JPEG called PNG), so
 * the label comes from the bytes, never from an assumption.
 */
export function imageMime(image: Buffer): 'image/jpeg' | 'image/png' | null {
  if (image[0] === 0xff && image[1] === 0xd8 && image[2] === 0xff) return 'image/jpeg';
  if (image.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

/** The QR's dark modules as one path, scaled to `size` units with a quiet zone of `quiet` modules. */
function qrPath(url: string, size: number, quiet = 2): string {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const cell = size / (modules.size + quiet * 2);
  let d = '';
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) d += `M${((col + quiet) * cell).toFixed(2)},${((row + quiet) * cell).toFixed(2)}h${cell.toFixed(2)}v${cell.toFixed(2)}h-${cell.toFixed(2)}z`;
    }
  }
  return d;
}

export function stickerSvg(input: { orgName: string; slogan: string; placeName: string; code: StickerCode }): string {
  const field = 400;
  const x = (STICKER_WIDTH - field) / 2;
  const y = 190;
  const code =
    input.code.kind === 'link'
      ? `<g transform="translate(${x},${y})"><rect width="${field}" height="${field}" fill="#fff"/><path d="${qrPath(input.code.url, field)}" fill="#0b2e6b"/></g>`
      : `<rect x="${x}" y="${y}" width="${field}" height="${field}" rx="24" fill="#fff"/><image x="${x + 20}" y="${y + 20}" width="${field - 40}" height="${field - 40}" href="data:${input.code.mime};base64,${input.code.image.toString('base64')}"/>`;
  // The slogan in two lines at its comma, as on the mine's stickers: 赤峪是咱家, / 有事儿就说话
  const [first, second] = splitSlogan(input.slogan);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${STICKER_WIDTH} ${STICKER_HEIGHT}" width="${STICKER_WIDTH}" height="${STICKER_HEIGHT}" ${FONT}>
<rect width="${STICKER_WIDTH}" height="${STICKER_HEIGHT}" rx="36" fill="${BLUE}"/>
<text x="300" y="70" font-size="30" fill="#cfe0ff" text-anchor="middle">${escapeHtml(input.orgName)} · 民情一码通</text>
<text x="300" y="125" font-size="46" font-weight="bold" fill="#fff" text-anchor="middle">${escapeHtml(first)}</text>
<text x="300" y="176" font-size="46" font-weight="bold" fill="#fff" text-anchor="middle">${escapeHtml(second)}</text>
${code}
<text x="300" y="665" font-size="44" font-weight="bold" fill="#fff" text-anchor="middle">${escapeHtml(input.placeName)}</text>
<text x="300" y="730" font-size="28" fill="#cfe0ff" text-anchor="middle">微信扫一扫 · 反映诉求</text>
</svg>`;
}

function splitSlogan(slogan: string): [string, string] {
  const at = slogan.search(/[,,、;;]/);
  if (at > 0 && at < slogan.length - 1) return [slogan.slice(0, at + 1), slogan.slice(at + 1)];
  return [slogan, ''];
}
