// Bodies of the transition routes, checked the same way on both sides (the form and the server). `version` is the
// appeal's version the person saw; a stale one makes the server answer 409 and change nothing.
import * as v from 'valibot';
import { OUTCOMES, RATINGS, type Outcome, type Rating } from '../enums.js';
import type { FieldError } from '../errors.js';
import type { AppealAction } from '../status-machine.js';
import { photoIdsField } from './appeals.js';
import { integer, isoDate, optionalText, text, versionField } from './fields.js';
import { assertType, bodyErrors, closedBody, nonEmpty, type BodyInput, type Schema } from './rules.js';

export const ACTION_TEXT_MAX = 2000;
/** At most this many co-handling departments (协办) on one sheet. */
export const CO_DEPARTMENTS_MAX = 5;

/** The reasons the worker picks from when withdrawing (撤回); 其他 asks for their own words. */
export const WITHDRAW_REASONS = ['问题已自行解决', '提交错了', '其他'] as const;

export interface ActionBodies {
  accept: { category?: string; urgent?: boolean };
  reject: { reason: string };
  merge: { into: string };
  dispatch: { department: string; coDepartments?: string[]; assignee?: string; instructions: string; measures?: string; dueAt?: string; reason?: string };
  acknowledge: Record<string, never>;
  progress: { text: string; done?: boolean };
  /** `photos`: before/after photos (e.g. the fixed shower), the acting person's own uploads; the worker sees them with the reply. */
  respond: { outcome: Outcome; text: string; plannedAt?: string; photos?: string[] };
  return: { reason: string };
  'send-back': { reason: string };
  'co-answer': { text: string };
  reply: { text: string; publicSummary?: string; photos?: string[] };
  calls: { result: 'reached' | 'not_reached'; summary?: string; attempts?: number };
  extension: { reason: string; until: string };
  'extension-decision': { approve: boolean; reason?: string };
  rate: { rating: Rating; comment?: string };
  reopen: { reason: string };
  messages: { text: string };
  withdraw: { reason: string };
}

const required = (code: Parameters<typeof text>[0]) => text(code, ACTION_TEXT_MAX, 'ACTION_TEXT_TOO_LONG');
const optional = (code: Parameters<typeof text>[0]) => optionalText(code, ACTION_TEXT_MAX, 'ACTION_TEXT_TOO_LONG');
const code = (c: Parameters<typeof text>[0]) => v.optional(v.pipe(v.string(c), v.regex(/^[A-Za-z0-9_-]{1,64}$/, c)));
const flag = () => v.optional(v.boolean('VALIDATION_FAILED'));
/** Every action body: its own fields, and the `version` the person saw. */
const action = <E extends v.ObjectEntries>(entries: E) => closedBody({ ...entries, version: versionField }, { inheritedKeys: true });

const respondBody = v.pipe(
  action({
    outcome: v.picklist(OUTCOMES, 'OUTCOME_INVALID'),
    text: required('ACTION_TEXT_REQUIRED'),
    plannedAt: v.nullish(isoDate('PLANNED_AT_REQUIRED')),
    photos: photoIdsField,
  }),
  // A scheduled answer says when the plan will be done.
  v.forward(
    v.partialCheck([['outcome'], ['plannedAt']], (body) => body.outcome !== 'scheduled' || body.plannedAt != null, 'PLANNED_AT_REQUIRED'),
    ['plannedAt'],
  ),
);

/** The schema of each transition's body (one source for the form, the server and the API document). */
const schemas = {
  accept: action({ category: code('CATEGORY_UNKNOWN'), urgent: flag() }),
  reject: action({ reason: required('ACTION_REASON_REQUIRED') }),
  merge: action({ into: required('MERGE_TARGET_INVALID') }),
  dispatch: action({
    department: nonEmpty('DEPARTMENT_UNKNOWN'),
    // 协办: the co-handling departments besides the lead (主办), by code.
    coDepartments: v.optional(
      v.pipe(
        v.array(v.pipe(v.string('DEPARTMENT_UNKNOWN'), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'DEPARTMENT_UNKNOWN')), 'DEPARTMENT_UNKNOWN'),
        v.maxLength(CO_DEPARTMENTS_MAX, 'DEPARTMENT_UNKNOWN'),
      ),
    ),
    assignee: code('ASSIGNEE_INVALID'),
    instructions: required('DISPATCH_INSTRUCTIONS_REQUIRED'),
    measures: optional('ACTION_TEXT_REQUIRED'),
    dueAt: v.nullish(isoDate('DUE_AT_INVALID')),
    reason: optional('ACTION_REASON_REQUIRED'),
  }),
  acknowledge: action({}),
  progress: action({ text: required('ACTION_TEXT_REQUIRED'), done: flag() }),
  respond: respondBody,
  return: action({ reason: required('ACTION_REASON_REQUIRED') }),
  'send-back': action({ reason: required('ACTION_REASON_REQUIRED') }),
  'co-answer': action({ text: required('ACTION_TEXT_REQUIRED') }),
  reply: action({ text: required('ACTION_TEXT_REQUIRED'), publicSummary: optional('ACTION_TEXT_REQUIRED'), photos: photoIdsField }),
  calls: action({
    result: v.picklist(['reached', 'not_reached'], 'CALL_RESULT_INVALID'),
    // Optional: the result is logged in one tap right after the call; a note may say more.
    summary: optional('ACTION_TEXT_REQUIRED'),
    attempts: v.optional(integer('VALIDATION_FAILED', 1, 20)),
  }),
  extension: action({ reason: required('ACTION_REASON_REQUIRED'), until: isoDate('DUE_AT_INVALID') }),
  'extension-decision': action({ approve: v.boolean('VALIDATION_FAILED'), reason: optional('ACTION_TEXT_REQUIRED') }),
  rate: action({ rating: v.picklist(RATINGS, 'RATING_INVALID'), comment: optional('ACTION_TEXT_REQUIRED') }),
  reopen: action({ reason: required('ACTION_REASON_REQUIRED') }),
  messages: action({ text: required('MESSAGE_TEXT_REQUIRED') }),
  withdraw: action({ reason: required('WITHDRAW_REASON_REQUIRED') }),
} satisfies Record<AppealAction, Schema>;
export const ACTION_BODY_SCHEMAS: Record<AppealAction, Schema> = schemas;

// Each hand-written body type is one the schema accepts.
type Accepted<A> = A extends AppealAction ? (ActionBodies[A] & { version?: number } extends BodyInput<(typeof schemas)[A]> ? true : false) : never;
assertType<Accepted<AppealAction>>();

/** The body's problems for this action; `version` (a positive integer) is accepted on every action. */
export function validateActionBody(action: AppealAction, body: unknown): FieldError[] {
  return bodyErrors(ACTION_BODY_SCHEMAS[action], body);
}
