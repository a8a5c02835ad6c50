// The one definition of the appeal's closed loop (DESIGN §1). The server refuses any transition not
// listed here (409 with the current status); the mini-program shows only the actions listed here.
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

interface Transition {
  from: readonly AppealStatus[];
  /** The status after the action; undefined keeps the current one (a record on the timeline). */
  to?: AppealStatus;
  by: readonly Actor[];
}

const OPEN: readonly AppealStatus[] = ['submitted', 'accepted', 'dispatched', 'in_progress', 'responded', 'replied'];

export const TRANSITIONS: Record<AppealAction, Transition> = {
  accept: { from: ['submitted'], to: 'accepted', by: ['coordinator'] },
  reject: { from: ['submitted', 'accepted'], to: 'rejected', by: ['coordinator'] },
  merge: { from: ['submitted', 'accepted'], to: 'merged', by: ['coordinator'] },
  // A dispatched sheet can be amended while the department has not answered yet.
  dispatch: { from: ['accepted', 'dispatched', 'in_progress'], to: 'dispatched', by: ['leader', 'coordinator'] },
  acknowledge: { from: ['dispatched'], to: 'in_progress', by: ['handler'] },
  progress: { from: ['in_progress'], by: ['handler'] },
  respond: { from: ['in_progress'], to: 'responded', by: ['handler'] },
  return: { from: ['responded'], to: 'in_progress', by: ['coordinator'] },
  reply: { from: ['responded'], to: 'replied', by: ['coordinator'] },
  calls: { from: ['replied', 'closed'], by: ['coordinator'] },
  extension: { from: ['dispatched', 'in_progress'], by: ['handler'] },
  rate: { from: ['replied'], to: 'closed', by: ['owner'] },
  reopen: { from: ['closed'], to: 'accepted', by: ['coordinator'] },
  messages: { from: OPEN, by: ['owner', 'coordinator', 'leader', 'handler'] },
};

export function canTransition(action: AppealAction, status: AppealStatus, actor: Actor): boolean {
  const transition = TRANSITIONS[action];
  return transition.from.includes(status) && transition.by.includes(actor);
}

/** The status an allowed action leads to. */
export function nextStatus(action: AppealAction, status: AppealStatus): AppealStatus {
  const transition = TRANSITIONS[action];
  if (!transition.from.includes(status)) {
    throw new Error(`action ${action} is not allowed in status ${status}`);
  }
  return transition.to ?? status;
}

export function allowedActions(status: AppealStatus, actors: readonly Actor[]): AppealAction[] {
  return APPEAL_ACTIONS.filter((action) => actors.some((actor) => canTransition(action, status, actor)));
}

export function isFinal(status: AppealStatus): boolean {
  return status === 'closed' || status === 'rejected' || status === 'merged';
}
