// Photos are shown by <Image src>, which sends no bearer token: their URLs carry a short-lived
// HMAC signature instead, handed out only inside views the caller may already read. The signature
// covers the viewer, and the photo route asks on every fetch whether that viewer may still read the
// appeal: a URL passed on works for nobody else, and stops working when the viewer's role ends.
// With an object store (STORAGE=s3) the route answers a redirect to the store's presigned URL, made
// then for a minute: the binding and the five minutes above stay the server's, the bytes come from the store.

import { createHmac, timingSafeEqual } from 'node:crypto';

/** Minutes, not hours: long enough to look at the photos of an open page, short enough that a copied link dies soon. */
export const PHOTO_URL_TTL_SECONDS = 300;
/**
 * With an object store, the photo route redirects to the store's own presigned URL once the checks above
 * passed: a minute, long enough to follow the redirect (and retry it), so it outlives the check by little.
 */
export const STORE_URL_TTL_SECONDS = 60;

export function signUploadUrl(secret: string, id: string, viewerId: string, now: Date): string {
  const exp = Math.floor(now.getTime() / 1000) + PHOTO_URL_TTL_SECONDS;
  return `/api/uploads/${id}?v=${viewerId}&exp=${exp}&sig=${sign(secret, id, viewerId, exp)}`;
}

export function verifyUploadSignature(secret: string, id: string, viewerId: string, exp: string, sig: string, now: Date): boolean {
  const expiry = Number(exp);
  if (!Number.isInteger(expiry) || expiry < now.getTime() / 1000 || typeof viewerId !== 'string' || !viewerId) return false;
  const expected = Buffer.from(sign(secret, id, viewerId, expiry));
  const given = Buffer.from(String(sig));
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function sign(secret: string, id: string, viewerId: string, exp: number): string {
  return createHmac('sha256', secret).update(`upload:${id}:${viewerId}:${exp}`).digest('base64url');
}
