// Bodies of the transition routes (DESIGN §4), checked the same way on both sides. `version` is the
// appeal's version the person saw; a stale one makes the server answer 409 and change nothing.
import { OUTCOMES, RATINGS, type Outcome, type Rating } from './enums.js';
import { fieldError, type ErrorCode, type FieldError } from './errors.js';
import type { AppealAction } from './status-machine.js';
import { charLength } from './text.js';

export const ACTION_TEXT_MAX = 2000;

export interface ActionBodies {
  accept: { category?: string; urgent?: boolean };
  reject: { reason: string };
  merge: { into: string };
  dispatch: { department: string; assignee?: string; instructions: string; measures?: string; dueAt?: string; reason?: string };
  acknowledge: Record<string, never>;
  progress: { text: string; done?: boolean };
  respond: { outcome: Outcome; text: string; plannedAt?: string };
  return: { reason: string };
  reply: { text: string; publicSummary?: string };
  calls: { result: 'reached' | 'not_reached'; summary: string; attempts?: number };
  extension: { reason: string; until: string };
  'extension-decision': { approve: boolean; reason?: string };
  rate: { rating: Rating; comment?: string };
  reopen: { reason: string };
  messages: { text: string };
}

type Rule = (body: Record<string, unknown>) => FieldError[];

const text =
  (field: string, code: ErrorCode, required = true): Rule =>
  (body) => {
    const value = body[field];
    if (value === undefined || value === null || value === '') return required ? [fieldError(field, code)] : [];
    if (typeof value !== 'string' || value.trim() === '') return [fieldError(field, code)];
    return charLength(value.trim()) > ACTION_TEXT_MAX ? [fieldError(field, 'ACTION_TEXT_TOO_LONG')] : [];
  };

const isoDate =
  (field: string, code: ErrorCode, required: boolean): Rule =>
  (body) => {
    const value = body[field];
    if (value === undefined || value === null) return required ? [fieldError(field, code)] : [];
    return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? [] : [fieldError(field, code)];
  };

const oneOf =
  (field: string, values: readonly unknown[], code: ErrorCode, required = true): Rule =>
  (body) => {
    const value = body[field];
    if (value === undefined && !required) return [];
    return values.includes(value) ? [] : [fieldError(field, code)];
  };

const optionalBoolean =
  (field: string): Rule =>
  (body) =>
    body[field] === undefined || typeof body[field] === 'boolean' ? [] : [fieldError(field, 'VALIDATION_FAILED')];

const optionalCode =
  (field: string, code: ErrorCode): Rule =>
  (body) =>
    body[field] === undefined || (typeof body[field] === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(body[field] as string)) ? [] : [fieldError(field, code)];

const RULES: Record<AppealAction, Record<string, Rule>> = {
  accept: { category: optionalCode('category', 'CATEGORY_UNKNOWN'), urgent: optionalBoolean('urgent') },
  reject: { reason: text('reason', 'ACTION_REASON_REQUIRED') },
  merge: { into: text('into', 'MERGE_TARGET_INVALID') },
  dispatch: {
    department: (b) => (typeof b.department === 'string' && b.department ? [] : [fieldError('department', 'DEPARTMENT_UNKNOWN')]),
    assignee: optionalCode('assignee', 'ASSIGNEE_INVALID'),
    instructions: text('instructions', 'DISPATCH_INSTRUCTIONS_REQUIRED'),
    measures: text('measures', 'ACTION_TEXT_REQUIRED', false),
    dueAt: isoDate('dueAt', 'DUE_AT_INVALID', false),
    reason: text('reason', 'ACTION_REASON_REQUIRED', false),
  },
  acknowledge: {},
  progress: { text: text('text', 'ACTION_TEXT_REQUIRED'), done: optionalBoolean('done') },
  respond: {
    outcome: oneOf('outcome', OUTCOMES, 'OUTCOME_INVALID'),
    text: text('text', 'ACTION_TEXT_REQUIRED'),
    plannedAt: (b) => (b.outcome === 'scheduled' ? isoDate('plannedAt', 'PLANNED_AT_REQUIRED', true)(b) : isoDate('plannedAt', 'PLANNED_AT_REQUIRED', false)(b)),
  },
  return: { reason: text('reason', 'ACTION_REASON_REQUIRED') },
  reply: { text: text('text', 'ACTION_TEXT_REQUIRED'), publicSummary: text('publicSummary', 'ACTION_TEXT_REQUIRED', false) },
  calls: {
    result: oneOf('result', ['reached', 'not_reached'], 'CALL_RESULT_INVALID'),
    summary: text('summary', 'ACTION_TEXT_REQUIRED'),
    attempts: (b) => (b.attempts === undefined || (Number.isInteger(b.attempts) && (b.attempts as number) >= 1 && (b.attempts as number) <= 20) ? [] : [fieldError('attempts', 'VALIDATION_FAILED')]),
  },
  extension: { reason: text('reason', 'ACTION_REASON_REQUIRED'), until: isoDate('until', 'DUE_AT_INVALID', true) },
  'extension-decision': { approve: (b) => (typeof b.approve === 'boolean' ? [] : [fieldError('approve', 'VALIDATION_FAILED')]), reason: text('reason', 'ACTION_TEXT_REQUIRED', false) },
  rate: { rating: oneOf('rating', RATINGS, 'RATING_INVALID'), comment: text('comment', 'ACTION_TEXT_REQUIRED', false) },
  reopen: { reason: text('reason', 'ACTION_REASON_REQUIRED') },
  messages: { text: text('text', 'MESSAGE_TEXT_REQUIRED') },
};

/** The body's problems for this action; `version` (a positive integer) is accepted on every action. */
export function validateActionBody(action: AppealAction, body: unknown): FieldError[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [fieldError('body', 'VALIDATION_FAILED')];
  const record = body as Record<string, unknown>;
  const rules = RULES[action];
  const errors: FieldError[] = [];
  for (const key of Object.keys(record)) {
    if (key === 'version') {
      if (!Number.isInteger(record.version) || (record.version as number) < 1) errors.push(fieldError('version', 'ACTION_VERSION_INVALID'));
    } else if (!(key in rules)) {
      errors.push(fieldError(key, 'BODY_FIELD_UNKNOWN'));
    }
  }
  for (const rule of Object.values(rules)) errors.push(...rule(record));
  return errors;
}
