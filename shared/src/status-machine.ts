// The one definition of the appeal's closed loop (DESIGN §1). The server refuses any transition not
// allowed here (409 with the current status); the mini-program shows only the actions allowed here.
import type { AppealStatus, Role } from './enums.js';

export const APPEAL_ACTIONS = [
  'accept',
  'reject',
  'merge',
  'dispatch',
  'acknowledge',
  'progress',
  'respond',
  'return',
  'reply',
  'calls',
  'extension',
  'rate',
  'reopen',
  'messages',
] as const;
export type AppealAction = (typeof APPEAL_ACTIONS)[number];

/** Who may act: staff roles, or 'owner' for the worker who submitted the appeal. */
export type Actor = Role | 'owner';

/** What besides the status decides whether an action is open (all optional: absent means "no"). */
export interface AppealState {
  status: AppealStatus;
  /** A 'scheduled' answer still under supervision (督办) until its plan is done. */
  supervised?: boolean;
  /** How many times the appeal was reopened; an appeal reopens once only. */
  reopenCount?: number;
  /** The category lets the coordinator dispatch by standing rule. */
  standingRule?: boolean;
}

interface Transition {
  from: readonly AppealStatus[];
  /** The status after the action; absent keeps the current one (a record on the timeline). */
  to?: AppealStatus;
  by: readonly Actor[];
  /** Further condition on the appeal, for the actor. */
  when?: (state: AppealState, actor: Actor) => boolean;
}

const OPEN: readonly AppealStatus[] = ['submitted', 'accepted', 'dispatched', 'in_progress', 'responded', 'replied'];
const AFTER_ANSWER: readonly AppealStatus[] = ['responded', 'replied', 'closed'];

export const TRANSITIONS: Record<AppealAction, Transition> = {
  accept: { from: ['submitted'], to: 'accepted', by: ['coordinator'] },
  reject: { from: ['submitted', 'accepted'], to: 'rejected', by: ['coordinator'] },
  merge: { from: ['submitted', 'accepted'], to: 'merged', by: ['coordinator'] },
  // Issued by a leader, or by the office where the category has a standing rule; while the
  // department has not answered, the sheet can be amended (a new version, the status unchanged).
  dispatch: {
    from: ['accepted', 'dispatched', 'in_progress'],
    by: ['leader', 'coordinator'],
    when: (state, actor) => actor === 'leader' || state.standingRule === true,
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
  reply: { from: ['responded'], to: 'replied', by: ['coordinator'] },
  calls: { from: ['replied', 'closed'], by: ['coordinator'] },
  extension: { from: ['dispatched', 'in_progress'], by: ['handler'] },
  rate: { from: ['replied'], to: 'closed', by: ['owner'] },
  reopen: { from: ['closed'], to: 'accepted', by: ['coordinator'], when: (state) => (state.reopenCount ?? 0) === 0 },
  messages: { from: OPEN, by: ['owner', 'coordinator', 'leader', 'handler'] },
};

function stateOf(input: AppealState | AppealStatus): AppealState {
  return typeof input === 'string' ? { status: input } : input;
}

export function canTransition(action: AppealAction, appeal: AppealState | AppealStatus, actor: Actor): boolean {
  const state = stateOf(appeal);
  const transition = TRANSITIONS[action];
  return transition.from.includes(state.status) && transition.by.includes(actor) && (transition.when?.(state, actor) ?? true);
}

/** The status an action leads to from this one. */
export function nextStatus(action: AppealAction, status: AppealStatus): AppealStatus {
  const transition = TRANSITIONS[action];
  if (!transition.from.includes(status)) {
    throw new Error(`action ${action} is not allowed in status ${status}`);
  }
  if (action === 'dispatch') return status === 'accepted' ? 'dispatched' : status;
  return transition.to ?? status;
}

export function allowedActions(appeal: AppealState | AppealStatus, actors: readonly Actor[]): AppealAction[] {
  return APPEAL_ACTIONS.filter((action) => actors.some((actor) => canTransition(action, appeal, actor)));
}

export function isFinal(status: AppealStatus): boolean {
  return status === 'closed' || status === 'rejected' || status === 'merged';
}

/** Days a replied appeal waits for the worker's rating before it closes by itself. */
export const RATING_WINDOW_DAYS = 7;
