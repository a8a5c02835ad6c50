// The schemas keep exactly what the hand-written validators answered: each body below, and thousands
// of generated ones, get the same FieldErrors (fields, codes, sentences, order) from the schema-based
// validators as from the validators as they were written before the schemas (kept here as `legacy`),
// with one deliberate change since: a text is blank when a reader would see nothing (`isBlank`: also
// zero-width and other invisible characters), and an appeal's minimum counts the characters a reader
// sees (`visibleLength`: "!   !" is two, not five).
import fc from 'fast-check';
import { IDENTITIES, OUTCOMES, RATINGS, type Identity } from '../enums.js';
import { fieldError, type ErrorCode, type FieldError } from '../errors.js';
import { APPEAL_ACTIONS, type AppealAction } from '../status-machine.js';
import { charLength, isBlank, visibleLength } from '../text.js';
import { ACTION_TEXT_MAX, validateActionBody } from './actions.js';
import { APPEAL_CONTENT_MAX, APPEAL_CONTENT_MIN, APPEAL_PHOTOS_MAX, MESSAGE_TEXT_MAX, normalizePhone, validateMessage, validateSubmitAppeal } from './appeals.js';
import { validateProfile } from './profile.js';

const legacy = (() => {
  const SUBMIT_FIELDS = ['org', 'category', 'content', 'place', 'identity', 'phone', 'photos', 'publishConsent'];

  function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  }

  function unknownFields(body: Record<string, unknown>, allowed: string[]): FieldError[] {
    return Object.keys(body)
      .filter((key) => !allowed.includes(key))
      .map((key) => fieldError(key, 'BODY_FIELD_UNKNOWN'));
  }

  function validateAppealContent(content: unknown): FieldError[] {
    if (typeof content !== 'string' || isBlank(content)) return [fieldError('content', 'APPEAL_CONTENT_REQUIRED')];
    const length = charLength(content.trim());
    if (visibleLength(content) < APPEAL_CONTENT_MIN) return [fieldError('content', 'APPEAL_CONTENT_TOO_SHORT')];
    if (length > APPEAL_CONTENT_MAX) return [fieldError('content', 'APPEAL_CONTENT_TOO_LONG')];
    return [];
  }

  /** Checks the shape and the rules a client can know; the server adds what only it knows (org, place, photos). */
  function validateSubmitAppeal(body: unknown): FieldError[] {
    if (!isPlainObject(body)) return [fieldError('body', 'VALIDATION_FAILED')];
    const errors = unknownFields(body, SUBMIT_FIELDS);
    if (typeof body.org !== 'string' || body.org === '') errors.push(fieldError('org', 'ORG_UNKNOWN'));
    if (typeof body.category !== 'string' || body.category === '') errors.push(fieldError('category', 'CATEGORY_UNKNOWN'));
    errors.push(...validateAppealContent(body.content));
    if (body.place != null && (typeof body.place !== 'string' || body.place.length > 32)) {
      errors.push(fieldError('place', 'PLACE_UNKNOWN'));
    }
    if (!IDENTITIES.includes(body.identity as Identity)) errors.push(fieldError('identity', 'APPEAL_IDENTITY_INVALID'));
    if (body.phone != null && body.phone !== '' && (typeof body.phone !== 'string' || !normalizePhone(body.phone))) {
      errors.push(fieldError('phone', 'APPEAL_PHONE_INVALID'));
    }
    errors.push(...photoErrors(body));
    if (body.publishConsent != null && typeof body.publishConsent !== 'boolean') {
      errors.push(fieldError('publishConsent', 'VALIDATION_FAILED'));
    }
    return errors;
  }

  /** Up to APPEAL_PHOTOS_MAX upload ids: on an appeal, a 补充说明, a department's answer and the office's reply. */
  function photoErrors(body: Record<string, unknown>): FieldError[] {
    if (body.photos == null) return [];
    if (!Array.isArray(body.photos) || body.photos.some((id) => typeof id !== 'string' || id.length > 64)) return [fieldError('photos', 'APPEAL_PHOTO_UNKNOWN')];
    return body.photos.length > APPEAL_PHOTOS_MAX ? [fieldError('photos', 'APPEAL_PHOTOS_TOO_MANY')] : [];
  }

  function validateMessage(body: unknown): FieldError[] {
    if (!isPlainObject(body)) return [fieldError('body', 'VALIDATION_FAILED')];
    const errors = unknownFields(body, ['text', 'photos']);
    const photos = photoErrors(body);
    // Photos say something too: a 补充说明 of photos alone needs no words (whether they are photos is asked first).
    const withPhotos = photos.length > 0 || (Array.isArray(body.photos) && body.photos.length > 0);
    if (typeof body.text !== 'string' || (isBlank(body.text) && !withPhotos)) errors.push(fieldError('text', 'MESSAGE_TEXT_REQUIRED'));
    else if (!isBlank(body.text) && charLength(body.text.trim()) > MESSAGE_TEXT_MAX) errors.push(fieldError('text', 'MESSAGE_TEXT_TOO_LONG'));
    return [...errors, ...photos];
  }

  function validateProfile(body: unknown): FieldError[] {
    if (!isPlainObject(body)) return [fieldError('body', 'VALIDATION_FAILED')];
    const errors = unknownFields(body, ['name', 'unit', 'phone']);
    const textRule = (field: 'name' | 'unit', max: number, code: 'PROFILE_NAME_INVALID' | 'PROFILE_UNIT_INVALID') => {
      const value = body[field];
      if (value == null) return;
      if (typeof value !== 'string' || isBlank(value) || charLength(value.trim()) > max) {
        errors.push(fieldError(field, code));
      }
    };
    textRule('name', 20, 'PROFILE_NAME_INVALID');
    textRule('unit', 30, 'PROFILE_UNIT_INVALID');
    if (body.phone != null && body.phone !== '' && (typeof body.phone !== 'string' || !normalizePhone(body.phone))) {
      errors.push(fieldError('phone', 'APPEAL_PHONE_INVALID'));
    }
    return errors;
  }

  type Rule = (body: Record<string, unknown>) => FieldError[];

  const text =
    (field: string, code: ErrorCode, required = true): Rule =>
    (body) => {
      const value = body[field];
      if (value === undefined || value === null || value === '') return required ? [fieldError(field, code)] : [];
      if (typeof value !== 'string' || isBlank(value)) return [fieldError(field, code)];
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
      photos: photoErrors,
    },
    return: { reason: text('reason', 'ACTION_REASON_REQUIRED') },
    'send-back': { reason: text('reason', 'ACTION_REASON_REQUIRED') },
    'co-answer': { text: text('text', 'ACTION_TEXT_REQUIRED') },
    reply: { text: text('text', 'ACTION_TEXT_REQUIRED'), publicSummary: text('publicSummary', 'ACTION_TEXT_REQUIRED', false), photos: photoErrors },
    calls: {
      result: oneOf('result', ['reached', 'not_reached'], 'CALL_RESULT_INVALID'),
      summary: text('summary', 'ACTION_TEXT_REQUIRED', false),
      attempts: (b) =>
        b.attempts === undefined || (Number.isInteger(b.attempts) && (b.attempts as number) >= 1 && (b.attempts as number) <= 20)
          ? []
          : [fieldError('attempts', 'VALIDATION_FAILED')],
    },
    extension: { reason: text('reason', 'ACTION_REASON_REQUIRED'), until: isoDate('until', 'DUE_AT_INVALID', true) },
    'extension-decision': {
      approve: (b) => (typeof b.approve === 'boolean' ? [] : [fieldError('approve', 'VALIDATION_FAILED')]),
      reason: text('reason', 'ACTION_TEXT_REQUIRED', false),
    },
    rate: { rating: oneOf('rating', RATINGS, 'RATING_INVALID'), comment: text('comment', 'ACTION_TEXT_REQUIRED', false) },
    reopen: { reason: text('reason', 'ACTION_REASON_REQUIRED') },
    messages: { text: text('text', 'MESSAGE_TEXT_REQUIRED') },
    withdraw: { reason: text('reason', 'WITHDRAW_REASON_REQUIRED') },
  };

  /** The body's problems for this action; `version` (a positive integer) is accepted on every action. */
  function validateActionBody(action: AppealAction, body: unknown): FieldError[] {
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
  return { validateSubmitAppeal, validateMessage, validateProfile, validateActionBody };
})();

const text = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '  空调  ',
    '热'.repeat(1001),
    '😀'.repeat(1000),
    'x'.repeat(2001),
    '女职工澡堂开放时间太短',
    '2026-12-05T00:00:00Z',
    'cy',
    'abc_DEF-1',
    '13800138000',
    '138 0013 8000',
    '12345',
    // Blank or short to a reader though long to `length`: spaces between, zero-width, a bidi override.
    '!   !',
    '\u200b\u200b\u200b\u200b\u200b\u200b',
    '\u202e已解决\u202c',
  ),
  fc.string({ maxLength: 12 }),
);
const value = fc.oneof(
  text,
  fc.constantFrom(
    undefined,
    null,
    true,
    false,
    0,
    1,
    2,
    21,
    -1,
    1.5,
    1e300,
    Number.MAX_SAFE_INTEGER + 2,
    [],
    ['a'],
    ['a', 'b', 'c', 'd'],
    [1],
    {},
    ...IDENTITIES,
    ...OUTCOMES,
    ...RATINGS,
    'reached',
    'not_reached',
  ),
);
const keys = [
  'org',
  'category',
  'content',
  'place',
  'identity',
  'phone',
  'photos',
  'publishConsent',
  'text',
  'name',
  'unit',
  'version',
  'reason',
  'into',
  'department',
  'assignee',
  'instructions',
  'measures',
  'dueAt',
  'urgent',
  'done',
  'outcome',
  'plannedAt',
  'publicSummary',
  'result',
  'summary',
  'attempts',
  'until',
  'rating',
  'comment',
  'isAdmin',
  'constructor',
  'toString',
  'prototype',
];
const body = fc.oneof(
  { weight: 8, arbitrary: fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 6 }).map((o) => JSON.parse(JSON.stringify(o)) as unknown) },
  { weight: 1, arbitrary: fc.constantFrom(null, [], 'text', 3, [{ text: 'x' }]) },
);

describe('the schemas answer what the hand-written validators answered', () => {
  it.each(['validateSubmitAppeal', 'validateMessage', 'validateProfile'] as const)('%s', (name) => {
    const now = { validateSubmitAppeal, validateMessage, validateProfile }[name];
    fc.assert(
      fc.property(body, (b) => expect(now(b)).toEqual(legacy[name](b))),
      { numRuns: 3000 },
    );
  });

  it.each([...APPEAL_ACTIONS])('validateActionBody(%s)', (action) => {
    fc.assert(
      fc.property(body, (b) => expect(validateActionBody(action, b)).toEqual(legacy.validateActionBody(action, b))),
      { numRuns: 1500 },
    );
  });

  it("lists unknown fields and the version first, in the body's order, then each field in its rule's order", () => {
    const b = { text: '', zzz: 1, version: 0, outcome: 'scheduled', aaa: 2 };
    expect(validateActionBody('respond', b).map((e) => [e.field, e.code])).toEqual([
      ['zzz', 'BODY_FIELD_UNKNOWN'],
      ['version', 'ACTION_VERSION_INVALID'],
      ['aaa', 'BODY_FIELD_UNKNOWN'],
      ['text', 'ACTION_TEXT_REQUIRED'],
      ['plannedAt', 'PLANNED_AT_REQUIRED'],
    ]);
    expect(validateActionBody('respond', b)).toEqual(legacy.validateActionBody('respond', b));
  });
});
