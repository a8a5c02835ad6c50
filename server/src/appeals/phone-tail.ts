// The phone's last four digits as staff search them: stored as a keyed hash (HMAC-SHA-256 under a key
// derived from DATA_KEY, per organisation), never readable, so a database dump tells no part of a number
// (phones themselves are encrypted: crypto/field-cipher.ts). Ten thousand tails are easy to try with
// the key, so the hash only hides them from whoever holds the database without it — which is the point.
// Written by hand: it is one HMAC; no library does less.
import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';

@Injectable()
export class PhoneTail {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = createHmac('sha256', config.dataKey).update('appeals.phone_tail').digest();
  }

  /** The stored tail of a phone number (null without one). */
  ofPhone(orgId: string, phone: string | null | undefined): string | null {
    const digits = phone?.replace(/\D/g, '') ?? '';
    return digits.length >= 4 ? this.ofDigits(orgId, digits.slice(-4)) : null;
  }

  /** What a search for exactly four digits compares with. */
  ofDigits(orgId: string, fourDigits: string): string {
    return createHmac('sha256', this.key).update(`${orgId}:${fourDigits}`).digest('base64url').slice(0, 16);
  }
}
