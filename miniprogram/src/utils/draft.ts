// The form's draft lives in storage from the first keystroke until the server confirms the appeal,
// so closing the mini-program or losing the signal loses nothing; its idempotency key goes with it,
// so a retry can never make a second appeal.
import Taro from '@tarojs/taro';
import type { Identity } from '@minqing/shared';

export interface DraftPhoto {
  id: string;
  /** Local path of the chosen image, for the thumbnail. */
  preview: string;
}

export interface Draft {
  org: string;
  category: string;
  content: string;
  place: string;
  identity: Identity | '';
  phone: string;
  photos: DraftPhoto[];
  publishConsent: boolean;
  idempotencyKey: string;
}

const KEY = 'mq.draft';

export function newIdempotencyKey(): string {
  const random = Array.from({ length: 4 }, () => Math.random().toString(36).slice(2, 10)).join('');
  return `${Date.now().toString(36)}-${random}`.slice(0, 64);
}

export function emptyDraft(org: string): Draft {
  return { org, category: '', content: '', place: '', identity: '', phone: '', photos: [], publishConsent: true, idempotencyKey: newIdempotencyKey() };
}

export function loadDraft(org: string): Draft {
  const saved = Taro.getStorageSync(KEY) as Draft | '';
  return saved && saved.org === org ? { ...emptyDraft(org), ...saved } : emptyDraft(org);
}

export function saveDraft(draft: Draft): void {
  Taro.setStorageSync(KEY, draft);
}

export function clearDraft(): void {
  Taro.removeStorageSync(KEY);
}
