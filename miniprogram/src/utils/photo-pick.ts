// What the form says about picking and sending photos. Apart from Taro so that a test can run it without a
// mini-program runtime (test/miniprogram/photo-pick.test.ts).
import { UPLOAD_MAX_BYTES } from '@minqing/shared';

/**
 * What to tell the worker when picking photos failed: nothing for a cancel, why otherwise. WeChat fails a
 * refused privacy-controlled call with "privacy permission is not authorized" (https://developers.weixin.qq.com/miniprogram/dev/api/open-api/privacy/wx.onNeedPrivacyAuthorization.html).
 */
export function photoPickProblem(error: unknown, withoutPhotos = '不加照片也可以提交诉求'): string | null {
  const message = (error as { errMsg?: string } | null)?.errMsg ?? '';
  if (/privacy permission is not authorized/i.test(message)) return `您没有同意隐私保护指引,不能添加照片;${withoutPhotos}`;
  if (/cancel/i.test(message)) return null;
  return `没能打开相册或相机(请检查微信的相册、相机权限);${withoutPhotos}`;
}

/** The formats the server keeps (server/src/uploads/image-sanitizer.ts decodes by content; these are what it accepts). */
const ACCEPTED_TYPES = /^image\/(jpeg|jpg|png|webp)$/i;
const ACCEPTED_NAMES = /\.(jpe?g|png|webp)$/i;

export const NOT_AN_IMAGE_MESSAGE = '这个文件不是照片,只能上传照片(JPG、PNG、WebP 格式)';

/** "12.3 MB", as a worker reads a file's size. */
export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Whether a picked file may be sent, before a byte goes out: what is not a photo says so (in H5 anyone can pick
 * any file), what is still over the server's limit after the phone compressed it is refused here rather than
 * uploaded in full to be refused there. `type` is the file's MIME type where the platform gives one (H5), `name`
 * its name or path; WeChat's chooseMedia with mediaType image hands out images only.
 */
export function photoFileProblem(file: { size: number; type?: string; name?: string }): string | null {
  const typed = file.type ? ACCEPTED_TYPES.test(file.type) : undefined;
  const named = file.name ? ACCEPTED_NAMES.test(file.name.split('?')[0]) : undefined;
  if (typed === false || (typed === undefined && named === false)) return NOT_AN_IMAGE_MESSAGE;
  if (file.size > UPLOAD_MAX_BYTES) return `这张照片有 ${megabytes(file.size)},压缩后仍超过 ${megabytes(UPLOAD_MAX_BYTES).replace('.0', '')},请换一张或截图后再传`;
  return null;
}

/** Whether a picked image is worth re-encoding on the phone before it goes out on a weak signal. */
export function worthCompressing(size: number, longEdge: number): boolean {
  return size > COMPRESS_ABOVE_BYTES || longEdge > COMPRESS_MAX_EDGE;
}
/** Larger photos are re-encoded: a phone's 3–12 MB photo becomes a few hundred KB, still sharp enough to read a notice. */
export const COMPRESS_ABOVE_BYTES = 1024 * 1024;
/** The long edge a re-encoded photo keeps at most. */
export const COMPRESS_MAX_EDGE = 2048;

/** The size a picture of width × height takes to fit within `edge` on its long side (never enlarged). */
export function fitWithin(width: number, height: number, edge: number): { width: number; height: number } {
  const scale = Math.min(1, edge / Math.max(width, height, 1));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
