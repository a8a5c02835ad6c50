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
