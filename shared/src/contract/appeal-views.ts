// Appeals as each viewer sees them: the worker's summary and view, the staff's list and details.
// Types are inferred from these schemas, and the OpenAPI document declares the same schemas.
import * as v from 'valibot';
import { APPEAL_STATUSES, IDENTITIES, OUTCOMES, RATINGS } from '../enums.js';
import { APPEAL_ACTIONS } from '../status-machine.js';
import { DEADLINE_STEPS } from '../deadlines.js';
import { noteView } from './notes.js';

const { nullable, string: str } = v;

export const codeNameView = v.object({ code: str(), name: str() });

export const TIMELINE_EVENT_TYPES = [
  'submitted',
  'flagged_for_review',
  'message',
  'accepted',
  'rejected',
  'merged',
  'withdrawn',
  'dispatched',
  'acknowledged',
  'progress',
  'responded',
  'returned',
  'sent_back',
  'co_answered',
  'replied',
  'call_logged',
  'extension_requested',
  'rated',
  'reopened',
  'auto_closed',
  'identity_revealed',
  'identity_reveal_requested',
  'identity_reveal_decided',
  'reminder',
  'escalated',
  'extension_decided',
  'relief',
] as const;

/**
 * The worker's voice note (语音): its length in whole seconds, and a link signed for this viewer — null for a viewer
 * who may see the appeal but not hear its voice (a voice may tell who spoke: `VOICE_LISTENERS` in visibility.ts).
 */
export const voiceView = v.object({ id: str(), url: nullable(str()), seconds: v.number() });

/** A photo, by a link signed for this viewer (five minutes). */
export const photoView = v.object({ id: str(), url: str() });

export const timelineEventView = v.object({
  id: str(),
  type: v.picklist(TIMELINE_EVENT_TYPES),
  /**
   * Who acted, as the viewer may know it: 我 / 职工, the office (党群工作部), 矿领导, the department's name
   * (the one on the sheet when it acted), or 系统 — never a worker's name.
   */
  actor: str(),
  /** The staff person who acted: in staff views only (the worker is answered by an office or a department, never by a name). */
  person: v.optional(nullable(str())),
  text: nullable(str()),
  at: str(),
  /** A 补充说明 said in a voice note (the link only for those who may hear it). */
  voice: v.optional(nullable(voiceView)),
  /**
   * The photos of this line: a worker's 补充说明, a department's answer (答复) or the office's reply (反馈), before/after
   * photos of the fix. The worker never sees a department's answer line: its photos come with the reply that follows it.
   */
  photos: v.optional(v.array(photoView)),
});

const summaryEntries = {
  id: str(),
  serial: str(),
  status: v.picklist(APPEAL_STATUSES),
  category: codeNameView,
  place: nullable(codeNameView),
  excerpt: str(),
  createdAt: str(),
  updatedAt: str(),
  /** A reply waits for this worker's rating (their own, or the one a merged appeal carries). */
  awaitingRating: v.optional(v.boolean()),
};
export const appealSummaryView = v.object(summaryEntries);

const person = v.object({ id: str(), name: nullable(str()) });

export const stepView = v.object({
  step: v.picklist(DEADLINE_STEPS),
  /** The department whose step it is (a department's steps; 协办 answers each have their own). */
  department: v.optional(nullable(str())),
  dueAt: str(),
  metAt: nullable(str()),
  /** Superseded (a new sheet, an approved extension). */
  cancelled: v.boolean(),
  onTime: nullable(v.boolean()),
  overdue: v.boolean(),
});

export const dispatchSheetView = v.object({
  version: v.number(),
  department: codeNameView,
  /** 协办: the co-handling departments the sheet names besides the lead. */
  coDepartments: v.optional(v.array(codeNameView)),
  assignee: nullable(person),
  instructions: str(),
  measures: nullable(str()),
  dueAt: str(),
  dueReason: nullable(str()),
  issuedBy: str(),
  at: str(),
});

/**
 * 退单: the department sent the sheet back and the appeal waits for a new one (absent or null otherwise):
 * which department, why, and when — what the dispatcher's inbox marks 已退回.
 */
export const sentBackView = v.object({ department: nullable(str()), reason: str(), at: str() });

/** A co-handling department (协办) on the sheet in force, and its answer (协办意见) once given. */
export const coHandlingView = v.object({
  department: codeNameView,
  answer: nullable(str()),
  answeredAt: nullable(str()),
  answeredBy: nullable(str()),
});

/** What staff see besides the worker's view; `submitter` is null where the identity is protected. */
export const staffAppealDetails = v.object({
  submitter: nullable(v.object({ name: nullable(str()), unit: nullable(str()), phone: nullable(str()) })),
  identityProtected: nullable(v.picklist(['confidential', 'anonymous'])),
  department: nullable(codeNameView),
  assignee: nullable(person),
  dueAt: nullable(str()),
  /** The answer's due time a sheet issued now gets when it names none (the dispatch form shows it). */
  defaultDueAt: v.optional(str()),
  plannedAt: nullable(str()),
  supervised: v.boolean(),
  reopenCount: v.number(),
  callLogged: v.boolean(),
  sheets: v.array(dispatchSheetView),
  pendingExtension: nullable(v.object({ until: str(), reason: str() })),
  steps: v.array(stepView),
  /** Internal notes (内部备注), oldest first: staff only, never in the worker's view. */
  notes: v.array(noteView),
  /** How many other workers added 同感 (never who). */
  supports: v.optional(v.number()),
  sentBack: v.optional(nullable(sentBackView)),
  /** 协办: each co-handling department of the sheet in force, and its part of the answer once given. */
  coHandling: v.optional(v.array(coHandlingView)),
});

export const appealView = v.object({
  ...summaryEntries,
  org: str(),
  content: str(),
  identity: v.picklist(IDENTITIES),
  /** Masked, and only for viewers who may see it. */
  phone: nullable(str()),
  photos: v.array(photoView),
  /** Absent or null: the appeal has no voice note. */
  voice: v.optional(nullable(voiceView)),
  publishConsent: v.boolean(),
  urgent: v.boolean(),
  outcome: nullable(v.picklist(OUTCOMES)),
  rating: nullable(v.picklist(RATINGS)),
  underReview: v.optional(v.boolean()),
  version: v.number(),
  timeline: v.array(timelineEventView),
  /** The actions this viewer may take now (from the one status machine). */
  allowedActions: v.array(v.picklist(APPEAL_ACTIONS)),
  /**
   * The appeal this one was merged into: its serial, status and — for the merged appeal's worker — its
   * progress and replies (the office's and the department's lines only, with that appeal's worker's name
   * and phone taken out; never its content, photos, conversation, rating or staff-only lines).
   */
  mergedInto: v.nullish(v.object({ id: str(), serial: str(), status: v.picklist(APPEAL_STATUSES), timeline: v.optional(v.array(timelineEventView)) })),
  staff: v.optional(staffAppealDetails),
});

export const staffAppealSummaryView = v.object({
  ...summaryEntries,
  urgent: v.boolean(),
  underReview: v.boolean(),
  /** How the worker chose to be known (实名, 保密, 匿名): the mode, never who. */
  identity: v.picklist(IDENTITIES),
  department: nullable(codeNameView),
  dueAt: nullable(str()),
  overdue: v.boolean(),
  callLogged: v.boolean(),
  needsCall: v.boolean(),
  /** How many other workers added 同感 (never who). */
  supports: v.optional(v.number()),
  sentBack: v.optional(nullable(sentBackView)),
  /** 协办: the co-handling departments of the sheet in force (the lead is `department`). */
  coDepartments: v.optional(v.array(codeNameView)),
});

/**
 * GET /api/appeals: a page of the worker's summaries, or of the staff's (with their queue fields). `next`: the
 * cursor of the following page, null when this page is the last. `counts`: on the staff's first page (no
 * cursor), how many appeals wait in each of the caller's inbox tabs (INBOX_TABS, 全部 not counted).
 */
export const appealListView = v.object({
  items: v.array(v.union([staffAppealSummaryView, appealSummaryView])),
  next: nullable(str()),
  counts: v.optional(v.record(str(), v.number())),
});

/** POST /api/reveal-requests/:id/contact: the contact, while the request is approved and not expired */
export const revealedIdentityView = v.object({ name: nullable(str()), unit: nullable(str()), phone: nullable(str()) });

export type CodeName = v.InferOutput<typeof codeNameView>;
export type TimelineEventType = (typeof TIMELINE_EVENT_TYPES)[number];
export type TimelineEventView = v.InferOutput<typeof timelineEventView>;
export type SentBackView = v.InferOutput<typeof sentBackView>;
export type CoHandlingView = v.InferOutput<typeof coHandlingView>;
export type PhotoView = v.InferOutput<typeof photoView>;
export type VoiceView = v.InferOutput<typeof voiceView>;
export type AppealSummaryView = v.InferOutput<typeof appealSummaryView>;
export type StepView = v.InferOutput<typeof stepView>;
export type DispatchSheetView = v.InferOutput<typeof dispatchSheetView>;
export type StaffAppealDetails = v.InferOutput<typeof staffAppealDetails>;
export type AppealView = v.InferOutput<typeof appealView>;
export type StaffAppealSummaryView = v.InferOutput<typeof staffAppealSummaryView>;
export type AppealListView = v.InferOutput<typeof appealListView>;
