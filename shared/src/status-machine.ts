// The one definition of the appeal's closed loop: which actions exist, from which statuses, by whom,
// under which further conditions, and to which status each leads. The server refuses any transition
// not allowed here (409 with the current status, or 403 when the person's role may never do it); the
// mini-program shows only the actions allowed here. Nothing about transitions is decided elsewhere.
import type { ActionBodies } from './contract/actions.js';
import type { AppealStatus, Role } from './enums.js';
import type { ErrorCode } from './errors.js';

export const APPEAL_ACTIONS = [
  'accept',
  'reject',
  'merge',
  'dispatch',
  'acknowledge',
  'progress',
  'respond',
  'return',
  'send-back',
  'co-answer',
  'reply',
  'calls',
  'extension',
  'extension-decision',
  'rate',
  'reopen',
  'messages',
  'withdraw',
] as const;
export type AppealAction = (typeof APPEAL_ACTIONS)[number];

/**
 * Who may act: staff roles, 'owner' for the worker who submitted the appeal, or 'co_handler' for a handler
 * of a department the sheet names as co-handling (协办): it answers its part, and nothing else.
 */
export type Actor = Role | 'owner' | 'co_handler';

/** What besides the status decides whether an action is open (all optional: absent means "no"). */
export interface AppealState {
  status: AppealStatus;
  /** A 'scheduled' answer still under supervision (督办) until its plan is done. */
  supervised?: boolean;
  /** How many times the appeal was reopened; an appeal reopens once only. */
  reopenCount?: number;
  /** The category lets the coordinator dispatch by standing rule. */
  standingRule?: boolean;
  /** The code of the department the appeal is dispatched to, if any. */
  department?: string | null;
  /** A department asked for more time and no leader has decided yet. */
  extensionPending?: boolean;
  /**
   * A merged appeal carries the reply given on the appeal it was merged into (from that reply until
   * that appeal is taken up again): its worker is called, and may rate, as the appeal's own worker.
   */
  replied?: boolean;
  /** The worker of a merged appeal rated the reply it carries. */
  rated?: boolean;
  /**
   * How long ago the reply the worker would rate reached their appeal (a merged appeal: when its primary's
   * reply was carried to it), in ms; absent: no reply, or not known. The rating window runs from then.
   */
  sinceReplyMs?: number;
  /** 协办: the co-handling department the person acts for has given its part already. */
  coAnswered?: boolean;
}

/** Who may act and when: everything of a transition but where it leads. */
interface TransitionRules {
  from: readonly AppealStatus[];
  by: readonly Actor[];
  /** A matter of role: may this actor ever do it to this appeal? False answers 403. */
  may?: (state: AppealState, actor: Actor) => boolean;
  /** A matter of time: is it open now? False answers 409 (with `refusal`'s code when given). */
  when?: (state: AppealState) => boolean;
  /** The code of a 409 for an actor who may do it, but not now (APPEAL_STATUS_CONFLICT by default). */
  refusal?: (state: AppealState) => ErrorCode | undefined;
}

interface Transition<A extends AppealAction> extends TransitionRules {
  /**
   * The status after the action: fixed, or chosen from the state and the body the person sent.
   * Absent keeps the current one (a record on the timeline).
   */
  to?: AppealStatus | ((state: AppealState, body: Partial<ActionBodies[A]>) => AppealStatus);
}

const OPEN: readonly AppealStatus[] = ['submitted', 'accepted', 'dispatched', 'in_progress', 'responded', 'replied'];
const AFTER_ANSWER: readonly AppealStatus[] = ['responded', 'replied', 'closed'];
const HANDLING: readonly AppealStatus[] = ['dispatched', 'in_progress'];

export const TRANSITIONS: { [A in AppealAction]: Transition<A> } = {
  accept: { from: ['submitted'], to: 'accepted', by: ['coordinator'] },
  reject: { from: ['submitted', 'accepted'], to: 'rejected', by: ['coordinator'] },
  merge: { from: ['submitted', 'accepted'], to: 'merged', by: ['coordinator'] },
  // Issued by a leader, or by the office where the category has a standing rule (without one the
  // office may never dispatch: a matter of role, not of time). While the department has not answered,
  // the sheet can be amended: a new version, the status unchanged — unless it goes to another
  // department, which must then acknowledge it afresh.
  dispatch: {
    from: ['accepted', ...HANDLING],
    to: (state, body) => (state.status === 'accepted' || (body.department !== undefined && body.department !== state.department) ? 'dispatched' : state.status),
    by: ['leader', 'coordinator'],
    may: (state, actor) => actor === 'leader' || state.standingRule === true,
  },
  acknowledge: { from: ['dispatched'], to: 'in_progress', by: ['handler'] },
  // Progress notes while handling, and after a 'scheduled' answer until the plan is done.
  progress: {
    from: ['in_progress', ...AFTER_ANSWER],
    by: ['handler'],
    when: (state) => state.status === 'in_progress' || state.supervised === true,
  },
  respond: { from: ['in_progress'], to: 'responded', by: ['handler'] },
  return: { from: ['responded'], to: 'in_progress', by: ['coordinator'] },
  // 退单: a department sends back a sheet it should not have got, with a reason; the appeal waits for a
  // new sheet from whoever dispatches (not the office's 'return', which sends an answer back to be redone).
  'send-back': { from: HANDLING, to: 'accepted', by: ['handler'] },
  // 协办意见: a co-handling department's part of the answer, while the lead (主办) handles the sheet; the
  // lead's answer (respond) closes the department stage.
  'co-answer': {
    from: HANDLING,
    by: ['co_handler'],
    when: (state) => state.coAnswered !== true,
    refusal: (state) => (state.coAnswered ? 'CO_ANSWER_DONE' : undefined),
  },
  reply: { from: ['responded'], to: 'replied', by: ['coordinator'] },
  // A merged appeal's worker is called too, once the reply reached their appeal.
  calls: { from: ['replied', 'closed', 'merged'], by: ['coordinator'], when: (state) => state.status !== 'merged' || state.replied === true },
  extension: { from: HANDLING, by: ['handler'] },
  // A leader decides a department's request for more time while it is pending.
  'extension-decision': {
    from: HANDLING,
    by: ['leader'],
    when: (state) => state.extensionPending === true,
    refusal: (state) => (state.extensionPending ? undefined : 'EXTENSION_NONE'),
  },
  // 不满意 sends the appeal back to the office, once; any other rating closes it. A merged appeal's worker
  // rates the reply their appeal carries, once per reply; their appeal stays merged (a 不满意 sends the
  // appeal it was merged into back to the office, once — the workflow's part, as it is another appeal).
  // Either worker rates within RATING_WINDOW_DAYS of the reply reaching their own appeal: an appeal of its
  // own closes by itself then (the workflow's scheduler), a merged one stays merged, so the window is here.
  rate: {
    from: ['replied', 'merged'],
    to: (state, body) => (state.status === 'merged' ? 'merged' : body.rating === 'unsatisfied' && (state.reopenCount ?? 0) === 0 ? 'accepted' : 'closed'),
    by: ['owner'],
    when: (state) => (state.status !== 'merged' || (state.replied === true && state.rated !== true)) && withinRatingWindow(state),
    refusal: (state) => (withinRatingWindow(state) ? undefined : 'RATING_WINDOW_CLOSED'),
  },
  reopen: { from: ['closed'], to: 'accepted', by: ['coordinator'], when: (state) => (state.reopenCount ?? 0) === 0 },
  messages: { from: OPEN, by: ['owner', 'coordinator', 'leader', 'handler'] },
  // 撤回: the worker takes the appeal back, with a reason, while the office has not yet accepted it;
  // once accepted it is the office's to close (不予受理 or an answer), so the worker may no longer.
  withdraw: {
    from: ['submitted'],
    to: 'withdrawn',
    by: ['owner'],
    refusal: (state) => (state.status === 'submitted' || state.status === 'withdrawn' ? undefined : 'WITHDRAW_TOO_LATE'),
  },
};

function withinRatingWindow(state: AppealState): boolean {
  return state.sinceReplyMs === undefined || state.sinceReplyMs < RATING_WINDOW_DAYS * 24 * 3600_000;
}

function stateOf(input: AppealState | AppealStatus): AppealState {
  return typeof input === 'string' ? { status: input } : input;
}

export function canTransition(action: AppealAction, appeal: AppealState | AppealStatus, actor: Actor): boolean {
  const state = stateOf(appeal);
  const transition: TransitionRules = TRANSITIONS[action];
  return transition.from.includes(state.status) && transition.by.includes(actor) && (transition.may?.(state, actor) ?? true) && (transition.when?.(state) ?? true);
}

/** Who of the person's actors acts, or why nobody may: 403 (never, by role) or 409 (not now, with a code). */
export type ActorDecision = { actor: Actor } | { refused: 'forbidden' } | { refused: 'conflict'; code: ErrorCode };

export function decideActor(action: AppealAction, appeal: AppealState | AppealStatus, actors: readonly Actor[]): ActorDecision {
  const state = stateOf(appeal);
  const actor = actors.find((a) => canTransition(action, state, a));
  if (actor) return { actor };
  const transition: TransitionRules = TRANSITIONS[action];
  const mayEver = actors.some((a) => transition.by.includes(a) && (transition.may?.(state, a) ?? true));
  if (!mayEver) return { refused: 'forbidden' };
  return { refused: 'conflict', code: transition.refusal?.(state) ?? 'APPEAL_STATUS_CONFLICT' };
}

/** The status an action leads to from this state, given the body the person sent. */
export function nextStatus<A extends AppealAction>(action: A, appeal: AppealState | AppealStatus, body: Partial<ActionBodies[A]> = {}): AppealStatus {
  const state = stateOf(appeal);
  const transition: Transition<A> = TRANSITIONS[action];
  if (!transition.from.includes(state.status)) {
    throw new Error(`action ${action} is not allowed in status ${state.status}`);
  }
  const to = transition.to;
  return typeof to === 'function' ? to(state, body) : (to ?? state.status);
}

export function allowedActions(appeal: AppealState | AppealStatus, actors: readonly Actor[]): AppealAction[] {
  return APPEAL_ACTIONS.filter((action) => actors.some((actor) => canTransition(action, appeal, actor)));
}

export function isFinal(status: AppealStatus): boolean {
  return status === 'closed' || status === 'rejected' || status === 'merged' || status === 'withdrawn';
}

/** Days a replied appeal waits for the worker's rating before it closes by itself. */
export const RATING_WINDOW_DAYS = 7;
