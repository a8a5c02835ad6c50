// Staff: binding a person to a role, the directory the dispatch form needs, the outbox of notifications.
import * as v from 'valibot';
import { openBody } from './rules.js';
import { ROLES } from '../enums.js';
import { codeNameView } from './appeal-views.js';

/** POST /api/admin/bind-codes (admin) */
export const bindCodeBody = openBody({
  role: v.picklist(ROLES, 'ROLE_INVALID'),
  department: v.optional(v.string()),
  isHead: v.optional(v.boolean()),
  isSecretary: v.optional(v.boolean()),
});
export const bindCodeView = v.object({ code: v.string(), expiresAt: v.string() });

/** POST /api/me/bind: the code the administrator gave (8 letters or digits, any case). */
export const bindBody = openBody({ code: v.pipe(v.string('BIND_CODE_INVALID'), v.trim(), v.toUpperCase(), v.regex(/^[A-Z0-9]{8}$/, 'BIND_CODE_INVALID')) });

/** What the staff's forms need of their organisation (GET /api/staff/directory). */
export const staffDirectoryView = v.object({
  org: codeNameView,
  categories: v.array(codeNameView),
  departments: v.array(v.object({ ...codeNameView.entries, handlers: v.array(v.object({ id: v.string(), name: v.nullable(v.string()), isHead: v.boolean() })) })),
});

export const OUTBOX_STATES = ['dead', 'no_credit', 'pending', 'sending', 'sent'] as const;
export type OutboxStateName = (typeof OUTBOX_STATES)[number];

/** A notification in the outbox, as the office and the administrator see it (the dead-letter list). */
export const outboxItemView = v.object({
  id: v.string(),
  channel: v.picklist(['wechat', 'robot']),
  /** Who it was for: a worker (the appeal's own, staff or not) only as the identity table allows — a label such as 职工(匿名); staff by name; a robot by its department. */
  recipient: v.object({ kind: v.picklist(['worker', 'staff', 'robot']), name: v.nullable(v.string()) }),
  appeal: v.nullable(v.object({ id: v.string(), serial: v.string() })),
  /** The message's headline, as the recipient would read it. */
  title: v.string(),
  state: v.picklist(OUTBOX_STATES),
  attempts: v.number(),
  lastError: v.nullable(v.string()),
  createdAt: v.string(),
});

export const outboxListView = v.object({
  counts: v.partial(v.object(Object.fromEntries(OUTBOX_STATES.map((s) => [s, v.number()])) as Record<OutboxStateName, v.NumberSchema<undefined>>)),
  items: v.array(outboxItemView),
});
/** GET /api/admin/outbox?state= (default: dead letters) */
export const outboxListQuery = v.object({ state: v.optional(v.picklist(OUTBOX_STATES)) });
export const outboxRetryView = v.object({ state: v.picklist(OUTBOX_STATES) });

export type StaffDirectoryView = v.InferOutput<typeof staffDirectoryView>;
export type OutboxItemView = v.InferOutput<typeof outboxItemView>;
export type OutboxListView = v.InferOutput<typeof outboxListView>;
export type BindCodeView = v.InferOutput<typeof bindCodeView>;
