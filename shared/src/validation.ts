// Validation rules of the contract: the mini-program checks the form with these before sending,
// and the server checks every body with the same functions, so both say the same thing.
import { CONFIDENTIAL_BY_DEFAULT_CATEGORIES, IDENTITIES, type Identity } from './enums.js';
import { fieldError, type FieldError } from './errors.js';
import { charLength } from './text.js';

export const APPEAL_CONTENT_MIN = 5;
export const APPEAL_CONTENT_MAX = 1000;
export const APPEAL_PHOTOS_MAX = 3;
export const MESSAGE_TEXT_MAX = 500;
export const UPLOAD_MAX_BYTES = 5 * 1024 * 1024;

export interface SubmitAppealRequest {
  org: string;
  category: string;
  content: string;
  place?: string | null;
  identity: Identity;
  phone?: string | null;
  photos?: string[];
  publishConsent?: boolean;
}

const SUBMIT_FIELDS = ['org', 'category', 'content', 'place', 'identity', 'phone', 'photos', 'publishConsent'];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownFields(body: Record<string, unknown>, allowed: string[]): FieldError[] {
  return Object.keys(body)
    .filter((key) => !allowed.includes(key))
    .map((key) => fieldError(key, 'BODY_FIELD_UNKNOWN'));
}

/** Mobile numbers (11 digits from 1[3-9]) or landlines with area code; spaces and dashes allowed. */
export function normalizePhone(raw: string): string | null {
  const compact = raw.replace(/[\s-]/g, '');
  if (/^1[3-9]\d{9}$/.test(compact)) return compact;
  if (/^0\d{2,3}\d{7,8}$/.test(compact)) return compact;
  return null;
}

export function validateAppealContent(content: unknown): FieldError[] {
  if (typeof content !== 'string' || content.trim() === '') return [fieldError('content', 'APPEAL_CONTENT_REQUIRED')];
  const length = charLength(content.trim());
  if (length < APPEAL_CONTENT_MIN) return [fieldError('content', 'APPEAL_CONTENT_TOO_SHORT')];
  if (length > APPEAL_CONTENT_MAX) return [fieldError('content', 'APPEAL_CONTENT_TOO_LONG')];
  return [];
}

/** Checks the shape and the rules a client can know; the server adds what only it knows (org, place, photos). */
export function validateSubmitAppeal(body: unknown): FieldError[] {
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
  if (body.photos != null) {
    if (!Array.isArray(body.photos) || body.photos.some((id) => typeof id !== 'string' || id.length > 64)) {
      errors.push(fieldError('photos', 'APPEAL_PHOTO_UNKNOWN'));
    } else if (body.photos.length > APPEAL_PHOTOS_MAX) {
      errors.push(fieldError('photos', 'APPEAL_PHOTOS_TOO_MANY'));
    }
  }
  if (body.publishConsent != null && typeof body.publishConsent !== 'boolean') {
    errors.push(fieldError('publishConsent', 'VALIDATION_FAILED'));
  }
  return errors;
}

/** The identity the form preselects for a category. */
export function defaultIdentityFor(category: string | undefined): Identity {
  return category && CONFIDENTIAL_BY_DEFAULT_CATEGORIES.includes(category) ? 'confidential' : 'named';
}

export function validateMessage(body: unknown): FieldError[] {
  if (!isPlainObject(body)) return [fieldError('body', 'VALIDATION_FAILED')];
  const errors = unknownFields(body, ['text']);
  if (typeof body.text !== 'string' || body.text.trim() === '') errors.push(fieldError('text', 'MESSAGE_TEXT_REQUIRED'));
  else if (charLength(body.text.trim()) > MESSAGE_TEXT_MAX) errors.push(fieldError('text', 'MESSAGE_TEXT_TOO_LONG'));
  return errors;
}

export interface UpdateProfileRequest {
  name?: string | null;
  unit?: string | null;
  phone?: string | null;
}

export function validateProfile(body: unknown): FieldError[] {
  if (!isPlainObject(body)) return [fieldError('body', 'VALIDATION_FAILED')];
  const errors = unknownFields(body, ['name', 'unit', 'phone']);
  const textRule = (field: 'name' | 'unit', max: number, code: 'PROFILE_NAME_INVALID' | 'PROFILE_UNIT_INVALID') => {
    const value = body[field];
    if (value == null) return;
    if (typeof value !== 'string' || charLength(value.trim()) < 1 || charLength(value.trim()) > max) {
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

/** Idempotency keys are client-made ids: 8–64 characters of letters, digits, '-' and '_'. */
export function isValidIdempotencyKey(key: unknown): key is string {
  return typeof key === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(key);
}
