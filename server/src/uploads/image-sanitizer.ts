// Photos are accepted by what their bytes are, not by their name, and stored re-encoded: the
// orientation applied and every metadata block (EXIF with GPS, camera, time) dropped.
import sharp from 'sharp';
import { DomainError } from '../common/domain-error.js';

export interface SanitizedImage {
  bytes: Buffer;
  mime: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
}

const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'heif']);
/** Large enough to read a payslip, small enough for a weak signal when staff open it. */
const MAX_EDGE = 2048;
/** A phone's largest photo is about 50 megapixels; a few-kilobyte file claiming more is a decompression bomb. */
const MAX_INPUT_PIXELS = 60_000_000;

export async function sanitizeImage(input: Buffer): Promise<SanitizedImage> {
  let format: string | undefined;
  try {
    ({ format } = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).metadata());
  } catch {
    throw new DomainError('UPLOAD_NOT_IMAGE');
  }
  if (!format || !ACCEPTED_FORMATS.has(format)) throw new DomainError('UPLOAD_NOT_IMAGE');
  try {
    // sharp writes no metadata unless asked to (withMetadata/keepExif), which is what we want.
    const pipeline = sharp(input, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true });
    const keepPng = format === 'png';
    const { data, info } = await (keepPng ? pipeline.png() : pipeline.jpeg({ quality: 82, mozjpeg: true })).toBuffer({ resolveWithObject: true });
    return { bytes: data, mime: keepPng ? 'image/png' : 'image/jpeg', width: info.width, height: info.height };
  } catch {
    // Header looked like an image, body did not decode (truncated, or HEVC that this build cannot read).
    throw new DomainError('UPLOAD_NOT_IMAGE');
  }
}
