// How the contract's schemas say what is wrong. Every issue's message is an ErrorCode; one function
// (`fieldErrorsOf`) turns valibot's issues into the FieldErrors the API answers and the forms show, in
// the order the hand-written validators always gave them: the body's own keys first (fields nobody
// declared, the `version` the person saw), in the body's key order, then each field in the schema's
// order, one error per field.
import * as v from 'valibot';
import { ERROR_MESSAGES, fieldError, type ErrorCode, type FieldError } from '../errors.js';

/** A synchronous schema of the contract (bodies, queries, responses). */
export type Schema = v.GenericSchema;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Codes of the checks made on the body's keys before its fields: they lead, in the body's key order. */
const KEY_CODES: readonly string[] = ['BODY_FIELD_UNKNOWN', 'ACTION_VERSION_INVALID'];

/** Keys valibot's object schemas skip as unsafe; a body that has them still has a field nobody declared. */
const SKIPPED_KEYS = ['__proto__', 'prototype', 'constructor'];

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function codeOf(message: string): ErrorCode {
  return (Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, message) ? message : 'VALIDATION_FAILED') as ErrorCode;
}

/**
 * valibot's issues as the contract's FieldErrors: `field` is the top-level key (or `body`), `code` the issue's message.
 * `fields`: the schema's fields in order, so that a rule of the whole body about one field (a pipe's `forward`) is
 * listed where that field is, not after every other field.
 */
export function fieldErrorsOf(issues: readonly v.BaseIssue<unknown>[], input: unknown, fields: readonly string[] = []): FieldError[] {
  const keys = isPlainObject(input) ? Object.keys(input) : [];
  const seen = new Set<string>();
  const ranked: Array<{ rank: number; error: FieldError }> = [];
  issues.forEach((issue, index) => {
    const key = issue.path?.[0]?.key;
    const field = typeof key === 'string' ? key : 'body';
    if (seen.has(field)) return;
    seen.add(field);
    const code = codeOf(issue.message);
    const place = fields.indexOf(field);
    const rank = KEY_CODES.includes(code) && keys.includes(field) ? keys.indexOf(field) : keys.length + (place >= 0 ? place : fields.length + index);
    ranked.push({ rank, error: fieldError(field, code) });
  });
  return ranked.sort((a, b) => a.rank - b.rank).map((r) => r.error);
}

/** Checks `input` against a schema of the contract: the parsed value, or the FieldErrors in the validators' order. */
export function parseBody<S extends Schema>(schema: S, input: unknown): ParseResult<v.InferOutput<S>> {
  const entries = (schema as { entries?: Record<string, unknown> }).entries;
  // A body is a JSON object: valibot's object schemas would take an array for one.
  if (entries && !isPlainObject(input)) return { ok: false, errors: [fieldError('body', 'VALIDATION_FAILED')] };
  const result = v.safeParse(schema, input);
  let issues: v.BaseIssue<unknown>[] = result.success ? [] : [...result.issues];
  if (entries && (schema as { rest?: { type?: string } }).rest?.type === 'never') {
    // The action bodies always let names every object has (toString, constructor…) through: kept so.
    const inherited = (key: string) => (schema as { inheritedKeys?: boolean }).inheritedKeys === true && key in Object.prototype;
    issues = issues.filter((issue) => !(issue.message === 'BODY_FIELD_UNKNOWN' && inherited(String(issue.path?.[0]?.key))));
    for (const key of SKIPPED_KEYS) {
      if (Object.prototype.hasOwnProperty.call(input, key) && !Object.prototype.hasOwnProperty.call(entries, key) && !inherited(key)) {
        issues.push({
          kind: 'schema',
          type: 'never',
          input: key,
          expected: 'never',
          received: key,
          message: 'BODY_FIELD_UNKNOWN',
          path: [{ type: 'object', origin: 'value', input: input as Record<string, unknown>, key, value: (input as Record<string, unknown>)[key] }],
        });
      }
    }
  }
  if (!issues.length) return { ok: true, value: result.output as v.InferOutput<S> };
  return { ok: false, errors: fieldErrorsOf(issues, input, entries ? Object.keys(entries) : []) };
}

/** The FieldErrors of a body (none when it keeps the contract). */
export function bodyErrors(schema: Schema, input: unknown): FieldError[] {
  const result = parseBody(schema, input);
  return result.ok ? [] : result.errors;
}

/**
 * A request body: an object with exactly these fields. A field nobody declared answers
 * BODY_FIELD_UNKNOWN; a required field that is missing answers its own schema's code.
 */
/* @__NO_SIDE_EFFECTS__ */
export function closedBody<E extends v.ObjectEntries>(entries: E, options: { inheritedKeys?: boolean } = {}) {
  const schema = v.objectWithRest(entries, v.never('BODY_FIELD_UNKNOWN'), (issue) => {
    const key = issue.path?.[0]?.key;
    const entry = typeof key === 'string' && Object.prototype.hasOwnProperty.call(entries, key) ? (entries[key] as { message?: unknown }) : undefined;
    return typeof entry?.message === 'string' ? entry.message : 'VALIDATION_FAILED';
  });
  return options.inheritedKeys ? Object.assign(schema, { inheritedKeys: true }) : schema;
}

/**
 * A request body whose other fields are ignored (the routes that always read only what they need):
 * a required field that is missing answers its own schema's code.
 */
/* @__NO_SIDE_EFFECTS__ */
export function openBody<E extends v.ObjectEntries>(entries: E) {
  return v.looseObject(entries, (issue) => {
    const key = issue.path?.[0]?.key;
    const entry = typeof key === 'string' && Object.prototype.hasOwnProperty.call(entries, key) ? (entries[key] as { message?: unknown }) : undefined;
    return typeof entry?.message === 'string' ? entry.message : 'VALIDATION_FAILED';
  });
}

/** A non-empty string (a code the server looks up). */
/* @__NO_SIDE_EFFECTS__ */
export function nonEmpty(code: ErrorCode) {
  return v.pipe(v.string(code), v.minLength(1, code));
}

/** The fields a closed body takes (its declared entries, without the refusal of every other key). */
export type BodyInput<S> = S extends { entries: infer E extends v.ObjectEntries } ? v.InferInput<v.ObjectSchema<E, undefined>> : never;
export type BodyOutput<S> = S extends { entries: infer E extends v.ObjectEntries } ? v.InferOutput<v.ObjectSchema<E, undefined>> : never;

/** Compile-time proof that two types are the same (a hand-written interface and a schema's type). */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export function assertType<T extends true>(_proof?: T): void {}
