// What a viewer may see of an appeal. The worker sees their own appeal and
// its worker-visible timeline (each line by an office or a department, never a staff person's name). Staff
// see the whole timeline, with the person behind each step, and the internal notes; the worker's name and phone only where
// shared/'s one table (IDENTITY_VISIBILITY in visibility.ts) allows: named — the office and the assigned
// department; confidential — nobody (an approved reveal shows the requester the contact through its own
// route); anonymous — nobody.
import {
  ROLE_LABELS,
  TRANSITIONS,
  allowedActions,
  canTransition,
  fitText,
  identityFor,
  maskPhone,
  type AppealSummaryView,
  type AppealView,
  type CoHandlingView,
  type CodeName,
  type DispatchSheetView,
  type PhotoView,
  type VoiceView,
  VOICE_ONLY_TEXT,
  type Role,
  type StaffAppealDetails,
  type StaffAppealSummaryView,
  type SentBackView,
  type StepView,
  type TimelineEventType,
  type TimelineEventView,
} from '@minqing/shared';
import type { Category } from '../org/entities/category.entity.js';
import type { Place } from '../org/entities/place.entity.js';
import type { User } from '../users/entities/user.entity.js';
import type { AppealAccess, Viewer } from './appeal-access.js';
import { appealState } from './appeal-state.js';
import type { AppealEvent } from './entities/appeal-event.entity.js';
import type { Appeal } from './entities/appeal.entity.js';

/** Who stands behind a staff step or note: their office or department, and their name. */
export interface StaffActor {
  /** The department on the sheet when a handler acted (null: none known). */
  department: string | null;
  /** The person's name (null: they gave none). */
  person: string | null;
}

/** What a viewer is told of who acted: a worker reads offices and departments, never a staff name. */
function actorLabel(role: string, viewer: Viewer, staff: StaffActor | undefined): string {
  if (role === 'owner') return viewer === 'owner' ? '我' : '职工';
  if (role === 'system') return '系统';
  if ((role === 'handler' || role === 'co_handler') && staff?.department) return staff.department;
  return ROLE_LABELS[role as Role] ?? '工作人员';
}

/**
 * The timeline as this viewer may read it: the worker only their lines, each by an office or a
 * department; staff every line, with the person behind it. Photos go with their line; the worker, who never reads a
 * department's answer (答复) but the office's reply (反馈) to it, finds the answer's photos on that reply — those of an
 * answer sent back (退回重办) never reach them.
 */
export function timelineView(
  events: AppealEvent[],
  viewer: Viewer,
  staffActors: ReadonlyMap<string, StaffActor> = new Map(),
  voices: ReadonlyMap<string, VoiceView> = new Map(),
  photos: ReadonlyMap<string, PhotoView[]> = new Map(),
): TimelineEventView[] {
  const lines: TimelineEventView[] = [];
  let answerPhotos: PhotoView[] = [];
  for (const event of events) {
    let shown = photos.get(event.id) ?? [];
    if (viewer === 'owner') {
      if (event.type === 'responded') answerPhotos = shown;
      else if (event.type === 'returned') answerPhotos = [];
      else if (event.type === 'replied') [shown, answerPhotos] = [[...answerPhotos, ...shown], []];
      if (!event.visibleToWorker) continue;
    }
    const staff = staffActors.get(event.id);
    const voice = voices.get(event.id);
    const line: TimelineEventView = {
      id: event.id,
      type: event.type,
      actor: actorLabel(event.actorRole, viewer, staff),
      text: event.text,
      at: event.createdAt.toISOString(),
      ...(voice ? { voice } : {}),
      ...(shown.length ? { photos: shown } : {}),
    };
    lines.push(viewer === 'owner' || !staff ? line : { ...line, person: staff.person });
  }
  return lines;
}

/** `now`: for the rating window (without it, taken as open). */
export function summaryView(appeal: Appeal, category: Category, place: Place | null, now?: Date): AppealSummaryView {
  return {
    id: appeal.id,
    serial: appeal.serial,
    status: appeal.status,
    category: { code: category.code, name: category.name },
    place: place ? { code: place.code, name: place.name } : null,
    // An appeal said in a voice note may have no text at all: the lists say so rather than show nothing.
    excerpt: appeal.content.trim() ? fitText(appeal.content.replace(/\s+/g, ' '), 40) : VOICE_ONLY_TEXT,
    createdAt: appeal.createdAt.toISOString(),
    updatedAt: appeal.updatedAt.toISOString(),
    awaitingRating: canTransition('rate', appealState(appeal, category, null, false, now), 'owner'),
  };
}

/** The timeline lines that decide whether an appeal waits for a new sheet after 退单: the last of them is the one. */
export const SENT_BACK_DECIDING: readonly TimelineEventType[] = ['sent_back', 'dispatched', 'reopened', 'rated'];

/** 已退回: the department's 退单, while the appeal still waits for the next sheet (null otherwise). */
export function sentBackOf(appeal: Pick<Appeal, 'status'>, events: readonly AppealEvent[]): SentBackView | null {
  if (appeal.status !== 'accepted') return null;
  const last = events.filter((e) => SENT_BACK_DECIDING.includes(e.type)).at(-1);
  if (last?.type !== 'sent_back') return null;
  const data = (last.data ? JSON.parse(last.data) : {}) as { departmentName?: string | null; reason?: string };
  return { department: data.departmentName ?? null, reason: data.reason ?? '', at: last.createdAt.toISOString() };
}

export function staffSummaryView(
  appeal: Appeal,
  category: Category,
  place: Place | null,
  department: CodeName | null,
  now: Date,
  replyUnpushed: boolean,
  sentBack: SentBackView | null = null,
  coDepartments: CodeName[] = [],
): StaffAppealSummaryView {
  return {
    ...summaryView(appeal, category, place, now),
    urgent: appeal.urgent,
    underReview: appeal.underReview,
    identity: appeal.identity,
    department,
    dueAt: appeal.dueAt?.toISOString() ?? null,
    // Past the answer's due time while a department is answering (where the machine lets it ask for more time), as the 逾期 queue counts.
    overdue: appeal.dueAt !== null && appeal.dueAt < now && TRANSITIONS.extension.from.includes(appeal.status),
    callLogged: appeal.callLogged,
    needsCall: replyUnpushed && !appeal.callLogged && (['replied', 'closed'].includes(appeal.status) || (appeal.status === 'merged' && appeal.repliedAt !== null)),
    sentBack,
    coDepartments,
  };
}

export interface AppealViewParts {
  appeal: Appeal;
  /** When the view is read: the rating window's reference. */
  now: Date;
  access: AppealAccess;
  orgCode: string;
  category: Category;
  place: Place | null;
  /** The phone given with the appeal, or the worker's profile phone. */
  phone: string | null;
  submitter: User | null;
  photos: PhotoView[];
  /** The voice note as this viewer may have it (its link only for those who may hear it). */
  voice: VoiceView | null;
  /** The voice notes of 补充说明, by timeline line. */
  eventVoices: ReadonlyMap<string, VoiceView>;
  /** The photos of 补充说明 and staff answers, by timeline line. */
  eventPhotos: ReadonlyMap<string, PhotoView[]>;
  events: AppealEvent[];
  department: CodeName | null;
  assignee: { id: string; name: string | null } | null;
  sheets: DispatchSheetView[];
  mergedInto: AppealView['mergedInto'];
  steps: StepView[];
  /** Who stood behind each staff line of the timeline, by event id. */
  staffActors: ReadonlyMap<string, StaffActor>;
  /** 协办: the co-handling departments of the sheet in force, with their answers (staff views only). */
  coHandling: CoHandlingView[];
  /** The co-handling department the viewer acts for has answered its part. */
  coAnsweredByViewer?: boolean;
  /** The internal notes with who wrote them (staff views only). */
  notes: Array<{ id: string; text: string; role: string; actor: StaffActor; at: Date }>;
}

export function appealView(parts: AppealViewParts): AppealView {
  const { appeal, access } = parts;
  const owner = access.viewer === 'owner';
  const view: AppealView = {
    ...summaryView(appeal, parts.category, parts.place, parts.now),
    org: parts.orgCode,
    content: appeal.content,
    identity: appeal.identity,
    phone: owner ? maskPhone(parts.phone) : null,
    photos: parts.photos,
    ...(parts.voice ? { voice: parts.voice } : {}),
    publishConsent: appeal.publishConsent,
    urgent: appeal.urgent,
    outcome: appeal.outcome,
    rating: appeal.rating,
    version: appeal.version,
    timeline: timelineView(parts.events, access.viewer, parts.staffActors, parts.eventVoices, parts.eventPhotos),
    allowedActions: allowedActions(appealState(appeal, parts.category, parts.department?.code ?? null, parts.coAnsweredByViewer ?? false, parts.now), access.actors),
    mergedInto: parts.mergedInto,
  };
  if (owner) return view;
  const staff: StaffAppealDetails = {
    submitter: parts.submitter ? identityFor(appeal.identity, access.viewer, { name: parts.submitter.name, unit: parts.submitter.unit, phone: parts.phone }) : null,
    identityProtected: appeal.identity === 'named' ? null : appeal.identity,
    department: parts.department,
    assignee: parts.assignee,
    dueAt: appeal.dueAt?.toISOString() ?? null,
    plannedAt: appeal.plannedAt?.toISOString() ?? null,
    supervised: appeal.supervised,
    reopenCount: appeal.reopenCount,
    callLogged: appeal.callLogged,
    sheets: parts.sheets,
    pendingExtension: appeal.extensionUntil ? { until: appeal.extensionUntil.toISOString(), reason: appeal.extensionReason ?? '' } : null,
    steps: parts.steps,
    notes: parts.notes.map((note) => ({
      id: note.id,
      text: note.text,
      unit: actorLabel(note.role, access.viewer, note.actor),
      person: note.actor.person,
      at: note.at.toISOString(),
    })),
    sentBack: sentBackOf(appeal, parts.events),
    coHandling: parts.coHandling,
  };
  return { ...view, underReview: appeal.underReview, staff };
}
