// The domain events of an appeal: two per submission (stored, then numbered), one per transition of the closed loop (named by
// its action) and one when a replied appeal closes unrated. The appeals module publishes submissions,
// the workflow module transitions, each inside the transaction that stores the change. Reactions —
// deadline steps, the worker's inbox and WeChat messages, staff news — subscribe in their own modules.
import { Injectable } from '@nestjs/common';
import type { AppealAction } from '@minqing/shared';
import { EventBus } from '../common/event-bus.js';
import type { Category } from '../org/entities/category.entity.js';
import type { Department } from '../org/entities/department.entity.js';
import type { Organization } from '../org/entities/organization.entity.js';
import type { Appeal } from './entities/appeal.entity.js';

/** The actions that move an appeal through the workflow ('messages' is a conversation, not a transition). */
export type TransitionAction = Exclude<AppealAction, 'messages'>;

/** What a reaction needs to know of a transition that the appeal before and after does not say. */
export interface TransitionFacts {
  accept: { urgent: boolean };
  reject: { reason: string };
  merge: { target: Pick<Appeal, 'id' | 'serial'> };
  dispatch: {
    department: Pick<Department, 'id' | 'code' | 'name'>;
    /** 协办: the co-handling departments of the new sheet; `added` when the earlier sheet did not name it, `answered` when it has given its part. */
    coDepartments: Array<Pick<Department, 'id' | 'code' | 'name'> & { added: boolean; answered: boolean }>;
    /** 协办: the co-handling departments of the earlier sheet that the new one no longer names (nor makes the lead). */
    coDropped: Array<Pick<Department, 'id' | 'code' | 'name'>>;
  };
  acknowledge: Record<string, never>;
  progress: { planDone: boolean };
  respond: Record<string, never>;
  return: Record<string, never>;
  /** 退单: the department that sent the sheet back, why, and who had dispatched it (null: no sheet on record). */
  'send-back': { department: Pick<Department, 'id' | 'code' | 'name'> | null; reason: string; dispatcher: { id: string; role: string } | null };
  /** 协办意见: the co-handling department that answered its part. */
  'co-answer': { department: Pick<Department, 'id' | 'code' | 'name'> };
  reply: { text: string };
  calls: Record<string, never>;
  extension: { until: Date; reason: string; department: Pick<Department, 'name' | 'leaderId'> | null };
  'extension-decision': { approved: boolean; until: Date; text: string };
  rate: Record<string, never>;
  reopen: Record<string, never>;
  withdraw: { reason: string };
}

interface AppealEventBase {
  /** The appeal as the event left it. */
  after: Appeal;
  now: Date;
}

/**
 * A new appeal is stored, before it has its serial number (`after.serial` is a placeholder): the
 * month's counter row is taken last and held briefly, so reactions that need no number come first.
 */
export interface AppealSubmitted extends AppealEventBase {
  type: 'submitted';
  org: Organization;
}

/** The new appeal has its serial number, in the same transaction: what tells the worker the number. */
export interface AppealNumbered extends AppealEventBase {
  type: 'numbered';
  org: Organization;
}

export interface AppealTransitioned<A extends TransitionAction = TransitionAction> extends AppealEventBase {
  type: A;
  /** The appeal as the transition found it; its version names the event in the outbox's keys. */
  before: Appeal;
  org: Organization;
  category: Category;
  actorId: string | null;
  facts: TransitionFacts[A];
}

export interface AppealAutoClosed extends AppealEventBase {
  type: 'auto_closed';
  before: Appeal;
}

/** A message in the appeal's conversation — the worker's 补充说明 or a staff member's question — not a transition. */
export interface AppealMessaged extends AppealEventBase {
  type: 'message';
  org: Organization;
  /** Who wrote it: the appeal's own worker, or staff. */
  by: 'owner' | 'staff';
  /** Names this message in the outbox's keys. */
  messageId: string;
}

export type AppealEventMap = { submitted: AppealSubmitted; numbered: AppealNumbered; auto_closed: AppealAutoClosed; message: AppealMessaged } & {
  [A in TransitionAction]: AppealTransitioned<A>;
};
export type AppealEventType = keyof AppealEventMap;

/** The bus of appeal events, one per process; modules subscribe when they start. */
@Injectable()
export class AppealEvents extends EventBus<AppealEventMap> {}

/** The outbox key of one event's n-th message: a retried request finds it taken and sends nothing twice. */
export function eventKey(event: AppealTransitioned, part?: string | number): string {
  return `appeal:${event.before.id}:v${event.before.version}:${event.type}${part === undefined ? '' : `:${part}`}`;
}
