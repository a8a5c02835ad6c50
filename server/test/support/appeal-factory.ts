import { randomUUID } from 'node:crypto';
import type { TestApp } from './test-app.js';

export const validAppeal = (org: string, overrides: Record<string, unknown> = {}) => ({
  org,
  category: 'living',
  content: '女职工澡堂开放时间太短,下夜班的女职工经常洗不上澡',
  place: 'bath',
  identity: 'named',
  publishConsent: true,
  ...overrides,
});

/** Submits through the real route; returns the response. */
export function submitAppeal(t: TestApp, token: string, body: object, key: string = randomUUID()) {
  return t.http().post('/api/appeals').set('Authorization', `Bearer ${token}`).set('Idempotency-Key', key).send(body);
}
