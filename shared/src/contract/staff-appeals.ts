// The staff's requests on appeals: the list's filters and the reason for looking behind a confidential identity.
// Apart from appeals.ts, whose schemas the worker's forms check, so that the mini-program's main package holds none of these.
import * as v from 'valibot';
import { openBody } from './rules.js';

/** POST /api/appeals/:id/reveal-requests: the reason, logged on the staff timeline and in the audit log (other fields are ignored). */
export const revealBody = /* @__PURE__ */ openBody({
  reason: /* @__PURE__ */ v.pipe(
    /* @__PURE__ */ v.string('ACTION_REASON_REQUIRED'),
    /* @__PURE__ */ v.check((s: string) => s.trim() !== '', 'ACTION_REASON_REQUIRED'),
  ),
});

export const APPEAL_QUEUES = ['new', 'review', 'calls', 'overdue', 'supervised', 'due_soon', 'extensions'] as const;

/** GET /api/appeals: scope=mine for the worker's own; the other filters narrow the staff's list (other values are ignored). */
export const appealListQuery = /* @__PURE__ */ v.object({
  scope: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.picklist(['mine'])),
  status: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string()),
  category: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string()),
  department: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string()),
  /** YYYY-MM */
  month: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string()),
  text: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string()),
  queue: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.picklist(APPEAL_QUEUES)),
  assignee: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.picklist(['me'])),
});
