// 常用回复: the sentences the office keeps for answers and replies, per category (or for every
// category), offered on the staff's appeal page — tapped to fill the text, then edited there. The
// office and the administrator keep them; the leaders and the departments read them for their mine.
import * as v from 'valibot';
import { text } from './fields.js';
import { closedBody } from './rules.js';

export const CANNED_REPLY_TEXT_MAX = 500;

const replyText = /* @__PURE__ */ text('CANNED_REPLY_TEXT_REQUIRED', CANNED_REPLY_TEXT_MAX, 'CANNED_REPLY_TEXT_TOO_LONG');
/** A category's code, or null: for every category. */
const category = /* @__PURE__ */ v.nullable(/* @__PURE__ */ v.pipe(/* @__PURE__ */ v.string('CATEGORY_UNKNOWN'), /* @__PURE__ */ v.maxLength(24, 'CATEGORY_UNKNOWN')));

/** POST /api/canned-replies */
export const cannedReplyCreateBody = /* @__PURE__ */ closedBody({ category, text: replyText });
export type CannedReplyCreateRequest = v.InferOutput<typeof cannedReplyCreateBody>;
/** PATCH /api/canned-replies/:id: what is sent changes, the rest stays. */
export const cannedReplyUpdateBody = /* @__PURE__ */ closedBody({ category: /* @__PURE__ */ v.optional(category), text: /* @__PURE__ */ v.optional(replyText) });
export type CannedReplyUpdateRequest = v.InferOutput<typeof cannedReplyUpdateBody>;
/** GET /api/canned-replies?category=<code>: that category's and those for every category; without it, all. */
export const cannedReplyQuery = /* @__PURE__ */ v.object({
  category: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.pipe(/* @__PURE__ */ v.string(), /* @__PURE__ */ v.maxLength(24))),
});

export const cannedReplyView = /* @__PURE__ */ v.object({
  id: /* @__PURE__ */ v.string(),
  /** The category's code and name; null: offered for every category. */
  category: /* @__PURE__ */ v.nullable(/* @__PURE__ */ v.object({ code: /* @__PURE__ */ v.string(), name: /* @__PURE__ */ v.string() })),
  text: /* @__PURE__ */ v.string(),
});
export type CannedReplyView = v.InferOutput<typeof cannedReplyView>;
export const cannedReplyListView = /* @__PURE__ */ v.array(cannedReplyView);
