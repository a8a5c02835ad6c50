// The fields only the transition bodies are made of (texts, dates, counts, the version the person saw). They live
// apart from rules.ts so that a bundle whose forms take no transition (the mini-program's main package) holds none
// of them, nor the valibot functions they are built on: the staff's subpackage carries those.
import * as v from 'valibot';
import type { ErrorCode } from '../errors.js';
import { charLength, isBlank, stripBidiControls } from '../text.js';

/**
 * A text a person writes: not blank (nor made only of invisible characters), at most `max` characters once trimmed
 * (counted as characters, not UTF-16 units); its bidirectional overrides removed (they can make a line read backwards).
 */
/* @__NO_SIDE_EFFECTS__ */
export function text(required: ErrorCode, max: number, tooLong: ErrorCode) {
  const problem = (s: string): ErrorCode | null => (isBlank(s) ? required : charLength(s.trim()) > max ? tooLong : null);
  return v.pipe(
    v.string(required),
    v.check(
      (s) => problem(s) === null,
      (issue) => problem(issue.input as string) ?? required,
    ),
    v.transform(stripBidiControls),
  );
}

/** An optional text: absent, null or '' mean none; anything else follows `text`. */
/* @__NO_SIDE_EFFECTS__ */
export function optionalText(code: ErrorCode, max: number, tooLong: ErrorCode) {
  const problem = (s: string): ErrorCode | null => (s === '' ? null : isBlank(s) ? code : charLength(s.trim()) > max ? tooLong : null);
  return v.nullish(
    v.pipe(
      v.string(code),
      v.check(
        (s) => problem(s) === null,
        (issue) => problem(issue.input as string) ?? code,
      ),
      v.transform(stripBidiControls),
    ),
  );
}

/** A date-time string `Date.parse` reads. */
/* @__NO_SIDE_EFFECTS__ */
export function isoDate(code: ErrorCode) {
  return v.pipe(
    v.string(code),
    v.check((s) => !Number.isNaN(Date.parse(s)), code),
  );
}

/** An integer of at least `min` (and at most `max`, when given). */
/* @__NO_SIDE_EFFECTS__ */
export function integer(code: ErrorCode, min: number, max?: number) {
  const atLeast = v.pipe(v.number(code), v.integer(code), v.minValue(min, code));
  return max === undefined ? atLeast : v.pipe(atLeast, v.maxValue(max, code));
}

/** The appeal's version the person saw: a positive integer; a stale one answers 409. */
export const versionField = /* @__PURE__ */ v.optional(/* @__PURE__ */ integer('ACTION_VERSION_INVALID', 1));
