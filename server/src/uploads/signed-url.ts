// Photos are shown by <Image src>, which sends no bearer token: their URLs carry a short-lived
// HMAC signature instead, handed out only inside views the caller may already read.
import { createHmac, timingSafeEqual } from 'node:crypto';

const TTL_SECONDS = 3600;

export function signUploadUrl(secret: string, id: string, now: Date): string {
  const exp = Math.floor(now.getTime() / 1000) + TTL_SECONDS;
  return `/api/uploads/${id}?exp=${exp}&sig=${sign(secret, id, exp)}`;
}

export function verifyUploadSignature(secret: string, id: string, exp: string, sig: string, now: Date): boolean {
  const expiry = Number(exp);
  if (!Number.isInteger(expiry) || expiry < now.getTime() / 1000) return false;
  const expected = Buffer.from(sign(secret, id, expiry));
  const given = Buffer.from(String(sig));
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function sign(secret: string, id: string, exp: number): string {
  return createHmac('sha256', secret).update(`upload:${id}:${exp}`).digest('base64url');
}
