// The link to a finished export: the file names whom its exporter may see, so it is theirs alone. As
// with the photos (uploads/signed-url.ts), a browser link or Taro.downloadFile sends no bearer token,
// so the URL carries an HMAC over the job, the person and the expiry instead; the route then asks
// again whether that person still holds their role in the mine. A fresh link comes with each look at the job.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Long enough to tap 下载 after the job is done, short enough that a forwarded link dies soon. */
export const EXPORT_LINK_TTL_SECONDS = 600;

export function exportLink(secret: string, jobId: string, personId: string, now: Date): string {
  const exp = Math.floor(now.getTime() / 1000) + EXPORT_LINK_TTL_SECONDS;
  return `/api/reports/exports/${jobId}/file?v=${personId}&exp=${exp}&sig=${mac(secret, jobId, personId, exp)}`;
}

export function exportLinkValid(secret: string, jobId: string, link: { v?: string; exp?: string; sig?: string }, now: Date): boolean {
  const expiry = Number(link.exp);
  if (!Number.isInteger(expiry) || expiry < now.getTime() / 1000 || !link.v || !link.sig) return false;
  const expected = Buffer.from(mac(secret, jobId, link.v, expiry));
  const given = Buffer.from(String(link.sig));
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function mac(secret: string, jobId: string, personId: string, exp: number): string {
  return createHmac('sha256', secret).update(`report-export:${jobId}:${personId}:${exp}`).digest('base64url');
}
