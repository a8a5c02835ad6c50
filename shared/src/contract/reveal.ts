// Looking behind a confidential identity as a trusted system does it: the office asks with a reason,
// a second person (the party secretary, or whom the administrator named) approves or refuses, and
// only while the approval lasts can the one who asked read the contact — each read recorded, and the
// worker told on their own timeline.
import * as v from 'valibot';
import { openBody } from './rules.js';

export const REVEAL_STATES = ['pending', 'approved', 'refused', 'expired'] as const;

/** POST /api/reveal-requests/:id/decision */
export const revealDecisionBody = /* @__PURE__ */ openBody({ approve: /* @__PURE__ */ v.boolean('VALIDATION_FAILED') });

/** PUT /api/admin/reveal-settings: the approver besides the party secretary (an openid of this organisation's staff), and how many hours an approval lasts. */
export const revealSettingsBody = /* @__PURE__ */ openBody({
  approver: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string('REVEAL_SETTINGS_INVALID')),
  hours: /* @__PURE__ */ v.optional(
    /* @__PURE__ */ v.pipe(
      /* @__PURE__ */ v.number('REVEAL_SETTINGS_INVALID'),
      /* @__PURE__ */ v.integer('REVEAL_SETTINGS_INVALID'),
      /* @__PURE__ */ v.minValue(1, 'REVEAL_SETTINGS_INVALID'),
      /* @__PURE__ */ v.maxValue(168, 'REVEAL_SETTINGS_INVALID'),
    ),
  ),
});
export type RevealSettingsRequest = v.InferOutput<typeof revealSettingsBody>;
export const revealSettingsView = /* @__PURE__ */ v.object({ approver: /* @__PURE__ */ v.nullable(/* @__PURE__ */ v.string()), hours: /* @__PURE__ */ v.number() });

/** A request as staff see it: never the worker's identity, only the appeal's serial. */
export const revealRequestView = /* @__PURE__ */ v.object({
  id: /* @__PURE__ */ v.string(),
  appeal: /* @__PURE__ */ v.object({ id: /* @__PURE__ */ v.string(), serial: /* @__PURE__ */ v.string() }),
  reason: /* @__PURE__ */ v.string(),
  state: /* @__PURE__ */ v.picklist(REVEAL_STATES),
  /** The staff member who asked, by name. */
  requestedBy: /* @__PURE__ */ v.nullable(/* @__PURE__ */ v.string()),
  decidedBy: /* @__PURE__ */ v.nullable(/* @__PURE__ */ v.string()),
  requestedAt: /* @__PURE__ */ v.string(),
  expiresAt: /* @__PURE__ */ v.nullable(/* @__PURE__ */ v.string()),
  /** The caller may decide it now (a pending request of someone else, and the caller an approver). */
  canDecide: /* @__PURE__ */ v.boolean(),
});
/** GET /api/reveal-requests: the organisation's requests the caller may see (approvers: all; the office: their own). */
export const revealRequestListView = /* @__PURE__ */ v.object({ items: /* @__PURE__ */ v.array(revealRequestView) });

export type RevealRequestView = v.InferOutput<typeof revealRequestView>;
export type RevealState = (typeof REVEAL_STATES)[number];
