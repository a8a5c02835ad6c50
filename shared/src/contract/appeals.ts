// Appeals: the worker's submission and messages (the staff's requests are in staff-appeals.ts). The mini-program checks
// the form with these before sending, and the server checks every body with the same schemas, so both say the same thing.
import * as v from 'valibot';
import { CONFIDENTIAL_BY_DEFAULT_CATEGORIES, IDENTITIES, type Identity } from '../enums.js';
import type { FieldError } from '../errors.js';
import { charLength, isBlank, stripBidiControls, visibleLength } from '../text.js';
import { bodyErrors, closedBody, nonEmpty, type BodyOutput } from './rules.js';

export const APPEAL_CONTENT_MIN = 5;
export const APPEAL_CONTENT_MAX = 1000;
export const APPEAL_PHOTOS_MAX = 3;
export const MESSAGE_TEXT_MAX = 500;
export const UPLOAD_MAX_BYTES = 5 * 1024 * 1024;
/** A voice note (语音) in place of typing: at most a minute, as WeChat's recorder and the browser's both allow. */
export const VOICE_MAX_SECONDS = 60;
/**
 * A minute at 96 kbit/s with room for the container: the recorders are asked for less (WeChat's mp3 at
 * 48 kbit/s, the browser's opus at 32 kbit/s), but a browser may pick its own rate (Safari's AAC).
 */
export const VOICE_MAX_BYTES = 768 * 1024;
/** Where an appeal said only in a voice note shows its text (lists, the Excel export): never the voice itself. */
export const VOICE_ONLY_TEXT = '(语音诉求)';

/** Mobile numbers (11 digits from 1[3-9]) or landlines with area code; spaces and dashes allowed. */
export function normalizePhone(raw: string): string | null {
  const compact = raw.replace(/[\s-]/g, '');
  if (/^1[3-9]\d{9}$/.test(compact)) return compact;
  if (/^0\d{2,3}\d{7,8}$/.test(compact)) return compact;
  return null;
}

/** A phone the worker may leave empty: absent, null or '' mean none. */
export const phoneField = /* @__PURE__ */ v.nullish(
  /* @__PURE__ */ v.pipe(
    /* @__PURE__ */ v.string('APPEAL_PHONE_INVALID'),
    /* @__PURE__ */ v.check((s: string) => s === '' || normalizePhone(s) !== null, 'APPEAL_PHONE_INVALID'),
  ),
);

/** `spoken`: a voice note says what the text would (the minimum does not apply; the maximum does). */
function contentProblem(content: string, spoken = false) {
  if (!spoken && isBlank(content)) return 'APPEAL_CONTENT_REQUIRED' as const;
  // At least five characters one can see; at most a thousand of any kind.
  if (!spoken && visibleLength(content) < APPEAL_CONTENT_MIN) return 'APPEAL_CONTENT_TOO_SHORT' as const;
  if (charLength(content.trim()) > APPEAL_CONTENT_MAX) return 'APPEAL_CONTENT_TOO_LONG' as const;
  return null;
}

export const appealContentField = /* @__PURE__ */ v.pipe(
  /* @__PURE__ */ v.string('APPEAL_CONTENT_REQUIRED'),
  /* @__PURE__ */ v.check(
    (s: string) => contentProblem(s) === null,
    (issue) => contentProblem(issue.input as string) ?? 'APPEAL_CONTENT_REQUIRED',
  ),
  /* @__PURE__ */ v.transform(stripBidiControls),
);

/** The appeal's text beside a voice note: only the maximum here, the minimum is the body's rule (it depends on the voice). */
const spokenContentField = /* @__PURE__ */ v.pipe(
  /* @__PURE__ */ v.string('APPEAL_CONTENT_REQUIRED'),
  /* @__PURE__ */ v.check((s: string) => contentProblem(s, true) === null, 'APPEAL_CONTENT_TOO_LONG'),
  /* @__PURE__ */ v.transform(stripBidiControls),
);

/**
 * The photos' upload ids (at most APPEAL_PHOTOS_MAX): an appeal's, a 补充说明's, or a staff answer's (答复, 反馈). Each is
 * the sender's own upload, taken by one appeal only (the server's UploadsRepository).
 */
export const photoIdsField = /* @__PURE__ */ v.nullish(
  /* @__PURE__ */ v.pipe(
    /* @__PURE__ */ v.array(
      /* @__PURE__ */ v.pipe(/* @__PURE__ */ v.string('APPEAL_PHOTO_UNKNOWN'), /* @__PURE__ */ v.maxLength(64, 'APPEAL_PHOTO_UNKNOWN')),
      'APPEAL_PHOTO_UNKNOWN',
    ),
    /* @__PURE__ */ v.maxLength(APPEAL_PHOTOS_MAX, 'APPEAL_PHOTOS_TOO_MANY'),
  ),
);

const hasPhotos = (body: { photos?: string[] | null }) => Array.isArray(body.photos) && body.photos.length > 0;

/** A voice note's upload id: absent, null or '' mean none. */
const voiceField = /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.pipe(/* @__PURE__ */ v.string('APPEAL_VOICE_UNKNOWN'), /* @__PURE__ */ v.maxLength(64, 'APPEAL_VOICE_UNKNOWN')));

const hasVoice = (body: { voice?: string | null }) => typeof body.voice === 'string' && body.voice !== '';

/**
 * POST /api/appeals. The server adds what only it knows (that org, category, place, photos and the voice note exist).
 * A voice note stands in for the text's minimum: a worker who cannot type well may say it instead.
 */
export const submitAppealBody = /* @__PURE__ */ v.pipe(
  /* @__PURE__ */ closedBody({
    org: nonEmpty('ORG_UNKNOWN'),
    category: nonEmpty('CATEGORY_UNKNOWN'),
    content: spokenContentField,
    place: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.pipe(/* @__PURE__ */ v.string('PLACE_UNKNOWN'), /* @__PURE__ */ v.maxLength(32, 'PLACE_UNKNOWN'))),
    identity: /* @__PURE__ */ v.picklist(IDENTITIES, 'APPEAL_IDENTITY_INVALID'),
    phone: phoneField,
    photos: photoIdsField,
    publishConsent: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.boolean('VALIDATION_FAILED')),
    voice: voiceField,
  }),
  /* @__PURE__ */ v.forward(
    /* @__PURE__ */ v.partialCheck(
      [['content'], ['voice']],
      (body) => hasVoice(body) || contentProblem(body.content) === null,
      (issue) => contentProblem((issue.input as { content: string }).content) ?? 'APPEAL_CONTENT_REQUIRED',
    ),
    ['content'],
  ),
);

/** The appeal as the server reads it once the body passed `submitAppealBody`. */
export type SubmitAppealRequest = BodyOutput<typeof submitAppealBody>;

/** Checks the shape and the rules a client can know; the server adds what only it knows (org, place, photos). */
export function validateSubmitAppeal(body: unknown): FieldError[] {
  return bodyErrors(submitAppealBody, body);
}

/** The rule of the appeal's text alone (the form checks it as the worker types). */
export function validateAppealContent(content: unknown): FieldError[] {
  return bodyErrors(closedBody({ content: appealContentField }), { content });
}

/** The identity the form preselects for a category. */
export function defaultIdentityFor(category: string | undefined): Identity {
  return category && CONFIDENTIAL_BY_DEFAULT_CATEGORIES.includes(category) ? 'confidential' : 'named';
}

/**
 * POST /api/appeals/:id/messages. The worker's 补充说明 may be said in a voice note instead of written, and may carry up
 * to APPEAL_PHOTOS_MAX photos (a photo alone says something too: the words are then optional).
 */
export const messageBody = /* @__PURE__ */ v.pipe(
  /* @__PURE__ */ closedBody({
    text: /* @__PURE__ */ v.pipe(
      /* @__PURE__ */ v.string('MESSAGE_TEXT_REQUIRED'),
      /* @__PURE__ */ v.check((s: string) => isBlank(s) || charLength(s.trim()) <= MESSAGE_TEXT_MAX, 'MESSAGE_TEXT_TOO_LONG'),
      /* @__PURE__ */ v.transform(stripBidiControls),
    ),
    voice: voiceField,
    photos: photoIdsField,
  }),
  /* @__PURE__ */ v.forward(
    /* @__PURE__ */ v.partialCheck([['text'], ['voice'], ['photos']], (body) => hasVoice(body) || hasPhotos(body) || !isBlank(body.text), 'MESSAGE_TEXT_REQUIRED'),
    ['text'],
  ),
);
export type MessageRequest = BodyOutput<typeof messageBody>;

export function validateMessage(body: unknown): FieldError[] {
  return bodyErrors(messageBody, body);
}

/** Idempotency keys are client-made ids: 8–64 characters of letters, digits, '-' and '_'. */
export function isValidIdempotencyKey(key: unknown): key is string {
  return typeof key === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(key);
}
