// The Content-Security-Policy of the pages this server serves besides the public report pages (which
// send their own, stricter one): the mini-program's H5 build and, when enabled, Swagger UI.
import { createHash } from 'node:crypto';

const COMMON = ["default-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'"];

/**
 * The H5 app's policy: scripts only from this origin, plus the one inline script Taro's build puts in
 * index.html (the rem sizing), allowed by its hash — read from the built file, so a rebuild that
 * changes it stays allowed and nothing else inline runs. Photos being chosen are shown from blob:
 * URLs and uploaded by reading them back (connect-src blob:), NutUI's icons come as data: URLs, and
 * Taro's components and its modal insert inline styles. `imageOrigin`: the object store photos (and voice
 * notes) are redirected to (STORAGE=s3), when there is one.
 */
export function h5ContentPolicy(indexHtml: string, imageOrigin: string | null = null): string {
  const hashes = [...indexHtml.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
  return [
    ...COMMON,
    `script-src 'self'${hashes.map((h) => ` ${h}`).join('')}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${imageOrigin ? ` ${imageOrigin}` : ''}`,
    "font-src 'self' data:",
    // Voice notes play from the same store as photos (a redirect to it), and from blob: while just recorded.
    `media-src 'self' blob:${imageOrigin ? ` ${imageOrigin}` : ''}`,
    "connect-src 'self' blob:",
  ].join('; ');
}

/** Swagger UI's: its scripts are files of this origin, its page has inline styles and data: icons. */
export const API_DOCS_POLICY = [...COMMON, "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "connect-src 'self'"].join('; ');
