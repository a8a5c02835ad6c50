// What a sticker carries. Two kinds of QR: an ordinary link `<base>/q/<org>/<place>`
// (WeChat hands the page that URL, encoded, as `q`) and a mini-program code whose `scene` is
// `o=<org>&s=<place>` (at most 32 characters). Both end here as {org, place}.

export interface StickerTarget {
  org?: string;
  place?: string;
}

export const SCENE_MAX_LENGTH = 32;
const CODE_PATTERN = /^[A-Za-z0-9_-]{1,24}$/;

export function isValidCode(code: unknown): code is string {
  return typeof code === 'string' && CODE_PATTERN.test(code);
}

export function buildScene(org: string, place: string): string {
  const scene = `o=${org}&s=${place}`;
  if (scene.length > SCENE_MAX_LENGTH) throw new Error(`scene "${scene}" is longer than ${SCENE_MAX_LENGTH} characters`);
  return scene;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function parseScene(scene: string): StickerTarget {
  const target: StickerTarget = {};
  for (const pair of safeDecode(scene).split('&')) {
    const [key, value] = pair.split('=');
    if (key === 'o' && isValidCode(value)) target.org = value;
    if (key === 's' && isValidCode(value)) target.place = value;
  }
  return target;
}

export function parseStickerUrl(url: string): StickerTarget {
  const match = /\/q\/([^/?#]+)(?:\/([^/?#]+))?/.exec(safeDecode(url));
  if (!match) return {};
  const target: StickerTarget = {};
  if (isValidCode(match[1])) target.org = match[1];
  if (match[2] && isValidCode(match[2])) target.place = match[2];
  return target;
}

/** The page's launch query, whichever way it was opened: scene, ordinary link, or plain org/place. */
export function stickerTargetFromQuery(query: Record<string, string | undefined>): StickerTarget {
  if (query.scene) return parseScene(query.scene);
  if (query.q) return parseStickerUrl(query.q);
  const target: StickerTarget = {};
  if (isValidCode(query.org)) target.org = query.org;
  if (isValidCode(query.place)) target.place = query.place;
  return target;
}

/**
 * The scene to count for the scan that opened the form (POST /api/public/orgs/scans takes a mini-program
 * code's scene). A link QR scanned in WeChat opens the mini-program straight away with the link as `q`
 * (https://developers.weixin.qq.com/miniprogram/introduction/qrcode.html): /q never sees that scan, so its
 * organisation and place are sent as the scene they stand for. Undefined when nothing was scanned.
 */
export function scanSceneFromQuery(query: Record<string, string | undefined>): string | undefined {
  if (query.scene) return safeDecode(query.scene);
  if (!query.q) return undefined;
  const { org, place } = parseStickerUrl(query.q);
  // Not buildScene: its 32-character limit is the mini-program code's, and a link's codes may be longer.
  return org && place ? `o=${org}&s=${place}` : undefined;
}
