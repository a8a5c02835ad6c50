// The person's own things: uploads, subscription credits, the in-app inbox.
import * as v from 'valibot';
import { isPlainObject, openBody } from './rules.js';

/** POST /api/uploads answers the stored photo (the body is multipart/form-data with one `file`). */
export const uploadView = v.object({ id: v.string(), mime: v.string(), size: v.number(), width: v.number(), height: v.number() });
/** POST /api/uploads/voice answers the stored voice note (multipart/form-data with one `file`; `?ms=` the recorder's length). */
export const voiceUploadView = v.object({ id: v.string(), mime: v.string(), size: v.number(), seconds: v.number() });

/** POST /api/me/subscriptions: what `wx.requestSubscribeMessage` returned: template id → 'accept' | 'reject' | 'ban' | 'filter' (WeChat adds errMsg). */
export const subscriptionResultsBody = openBody({
  // An object, not an array: valibot's record alone would take an array for one.
  results: v.pipe(v.custom<Record<string, unknown>>(isPlainObject, 'SUBSCRIPTION_RESULTS_INVALID'), v.record(v.string(), v.unknown(), 'SUBSCRIPTION_RESULTS_INVALID')),
});

export const subscriptionCreditsView = v.object({ credits: v.record(v.string(), v.number()) });

export const noticeView = v.object({
  id: v.string(),
  appealId: v.nullable(v.string()),
  title: v.string(),
  body: v.string(),
  read: v.boolean(),
  createdAt: v.string(),
});

/** GET /api/me/notices */
export const noticeListView = v.object({ items: v.array(noticeView), unread: v.number() });

/** POST /api/me/notices/read: all, or those of one appeal. */
export const markNoticesReadBody = openBody({ appealId: v.optional(v.string()) });
export const unreadView = v.object({ unread: v.number() });

export type UploadView = v.InferOutput<typeof uploadView>;
export type VoiceUploadView = v.InferOutput<typeof voiceUploadView>;
export type SubscriptionResultsRequest = v.InferOutput<typeof subscriptionResultsBody>;
export type SubscriptionCreditsView = v.InferOutput<typeof subscriptionCreditsView>;
export type NoticeView = v.InferOutput<typeof noticeView>;
