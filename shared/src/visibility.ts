// What each viewer may see of the worker behind an appeal, for each identity the worker chose — the
// one table every output is built from: the appeal views, the Excel export, the outbox list, and the
// messages and robot posts (which carry none of it). A field not listed is never shown to that viewer.
// The identity crawler (server/test/identity-crawler.e2e.ts) reads this same table to decide where
// each worker's name, phone and openid may appear.
import type { Identity } from './enums.js';
import { maskPhone } from './mask.js';

/**
 * `phone`: the full number; `phoneLast4`: the masked number (138****5678). `openid` is WeChat's id of
 * the worker; it identifies them as surely as a name.
 */
export const IDENTITY_FIELDS = ['name', 'unit', 'phone', 'phoneLast4', 'openid'] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];

/**
 * Who looks: the worker themself; the party-masses office (coordinator); a leader; a handler of the
 * department the appeal is dispatched to; the administrator (the outbox, the audit log); the public
 * (公示 pages, the public API); and whoever receives a message about it (staff WeChat messages, inbox
 * notices to staff, the departments' group robots).
 */
export const IDENTITY_VIEWERS = ['owner', 'coordinator', 'leader', 'handler', 'admin', 'public', 'recipient'] as const;
export type IdentityViewer = (typeof IDENTITY_VIEWERS)[number];

export interface FieldVisibility {
  /** What this viewer sees. */
  shown: readonly IdentityField[];
  /** What a granted reveal (requested with a reason, approved by a second person, not yet expired) adds for the one who asked. */
  revealed: readonly IdentityField[];
}

const NOTHING: FieldVisibility = { shown: [], revealed: [] };
const EVERYTHING: FieldVisibility = { shown: IDENTITY_FIELDS, revealed: [] };
const CONTACT = ['name', 'unit', 'phone'] as const;

/** The table: identity × viewer. */
export const IDENTITY_VISIBILITY: Record<Identity, Record<IdentityViewer, FieldVisibility>> = {
  // 实名: the office and the department handling it may call the worker back.
  named: {
    owner: EVERYTHING,
    coordinator: { shown: CONTACT, revealed: [] },
    leader: NOTHING,
    handler: { shown: CONTACT, revealed: [] },
    admin: NOTHING,
    public: NOTHING,
    recipient: NOTHING,
  },
  // 保密: nobody, until the office's request to see the contact is approved — then only the requester.
  confidential: {
    owner: EVERYTHING,
    coordinator: { shown: [], revealed: CONTACT },
    leader: NOTHING,
    handler: NOTHING,
    admin: NOTHING,
    public: NOTHING,
    recipient: NOTHING,
  },
  // 匿名: nobody, ever; there is nobody to reveal.
  anonymous: {
    owner: EVERYTHING,
    coordinator: NOTHING,
    leader: NOTHING,
    handler: NOTHING,
    admin: NOTHING,
    public: NOTHING,
    recipient: NOTHING,
  },
};

/** The fields this viewer may see of a worker with this identity (`revealed`: a granted reveal of theirs is in force). */
export function visibleFields(identity: Identity, viewer: IdentityViewer, revealed = false): ReadonlySet<IdentityField> {
  const rule = IDENTITY_VISIBILITY[identity][viewer];
  return new Set(revealed ? [...rule.shown, ...rule.revealed] : rule.shown);
}

/** May a reveal ever show this viewer more? (Only the office, only for confidential appeals.) */
export function revealable(identity: Identity, viewer: IdentityViewer): boolean {
  return IDENTITY_VISIBILITY[identity][viewer].revealed.length > 0;
}

export interface WorkerIdentity {
  name: string | null;
  unit: string | null;
  phone: string | null;
}

/** The worker's identity as this viewer may see it: null when they may see none of it. */
export function identityFor(identity: Identity, viewer: IdentityViewer, worker: WorkerIdentity, revealed = false): WorkerIdentity | null {
  const fields = visibleFields(identity, viewer, revealed);
  if (!fields.has('name') && !fields.has('unit') && !fields.has('phone') && !fields.has('phoneLast4')) return null;
  return {
    name: fields.has('name') ? worker.name : null,
    unit: fields.has('unit') ? worker.unit : null,
    phone: fields.has('phone') ? worker.phone : fields.has('phoneLast4') ? maskPhone(worker.phone) : null,
  };
}

/** How a worker is labelled where they may not be named (the outbox, lists): never their name. */
export const WORKER_LABELS: Record<Identity, string> = {
  named: '职工',
  confidential: '职工(保密)',
  anonymous: '职工(匿名)',
};

/**
 * Who may hear a worker's voice note. A voice can tell who spoke as surely as a name, yet it is what the appeal says:
 * the office, which takes every appeal, and the department the appeal is dispatched to, which handles it — and the
 * worker themself. Never a leader (who sees no worker's identity), the administrator, the public or a message's
 * recipient; for every identity alike, and the form tells a 保密 or 匿名 worker so before they record.
 */
export const VOICE_LISTENERS: readonly IdentityViewer[] = ['owner', 'coordinator', 'handler'];

export function mayHearVoice(viewer: IdentityViewer): boolean {
  return VOICE_LISTENERS.includes(viewer);
}
