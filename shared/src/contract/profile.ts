// The worker's own profile (PATCH /api/me), checked on the form and on the server alike.
import * as v from 'valibot';
import type { FieldError } from '../errors.js';
import { charLength, isBlank, stripBidiControls } from '../text.js';
import { phoneField } from './appeals.js';
import { bodyErrors, closedBody, type BodyOutput } from './rules.js';

/** A name-like text that may be left out: 1 to `max` characters once trimmed. */
const personText = (max: number, code: 'PROFILE_NAME_INVALID' | 'PROFILE_UNIT_INVALID') =>
  v.nullish(
    v.pipe(
      v.string(code),
      v.check((s: string) => !isBlank(s) && charLength(s.trim()) <= max, code),
      v.transform(stripBidiControls),
    ),
  );

export const updateProfileBody = closedBody({
  name: personText(20, 'PROFILE_NAME_INVALID'),
  unit: personText(30, 'PROFILE_UNIT_INVALID'),
  phone: phoneField,
});

export type UpdateProfileRequest = BodyOutput<typeof updateProfileBody>;

export function validateProfile(body: unknown): FieldError[] {
  return bodyErrors(updateProfileBody, body);
}
