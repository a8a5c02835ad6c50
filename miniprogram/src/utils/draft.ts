// The form's draft lives in storage from the first keystroke until the server confirms the appeal,
// so closing the mini-program or losing the signal loses nothing; its idempotency key goes with it,
// so a retry can never make a second appeal.
import Taro from '@tarojs/taro';
import type { Identity } from '@minqing/shared';

export interface DraftPhoto {
  /** The server's id of the uploaded photo. */
  id: string;
  /**
   * Its thumbnail, a small data: URL made on the phone. Not the chosen file's path: a blob: URL (H5) dies with
   * the page that made it and a WeChat temporary file with the mini-program, so a restored draft showed a broken
   * image. A draft saved before this kept such a path: it is shown while it still loads.
   */
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
  /** The voice note on the server (语音): its id and length. */
  voice: { id: string; seconds: number } | null;
  publishConsent: boolean;
  /** One per draft, kept until the server's answer is known: a new one only when the worker chooses a new appeal. */
  idempotencyKey: string;
}

const KEY = 'mq.draft';

export function newIdempotencyKey(): string {
  const random = Array.from({ length: 4 }, () => Math.random().toString(36).slice(2, 10)).join('');
  return `${Date.now().toString(36)}-${random}`.slice(0, 64);
}

export function emptyDraft(org: string): Draft {
  return { org, category: '', content: '', place: '', identity: '', phone: '', photos: [], voice: null, publishConsent: false, idempotencyKey: newIdempotencyKey() };
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
