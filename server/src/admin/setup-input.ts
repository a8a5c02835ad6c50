// The administrator's input, checked field by field: each problem is a field error a person can read.
import { fieldError, isValidCode, type ErrorCode, type FieldError } from '@minqing/shared';
import { DomainError } from '../common/domain-error.js';
import { PLACE_KINDS, type PlaceKind } from '../org/place-kinds.js';

type Body = Record<string, unknown>;

export class SetupInput {
  private readonly errors: FieldError[] = [];
  private readonly body: Body;

  constructor(raw: unknown, allowed: string[]) {
    this.body = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Body) : {};
    if (this.body !== raw) this.errors.push(fieldError('body', 'VALIDATION_FAILED'));
    for (const key of Object.keys(this.body)) if (!allowed.includes(key)) this.errors.push(fieldError(key, 'BODY_FIELD_UNKNOWN'));
  }

  private check<T>(name: string, required: boolean, code: ErrorCode, ok: (value: unknown) => boolean, map: (value: unknown) => T = (v) => v as T): T | undefined {
    const value = this.body[name];
    if (value === undefined) {
      if (required) this.errors.push(fieldError(name, code));
      return undefined;
    }
    if (!ok(value)) {
      this.errors.push(fieldError(name, code));
      return undefined;
    }
    return map(value);
  }

  code(name: string, required = true): string | undefined {
    return this.check(name, required, 'SETUP_CODE_INVALID', isValidCode);
  }

  /** A display name: trimmed, 1 to `max` characters. */
  name(name: string, required = true, max = 32): string | undefined {
    return this.check(name, required, 'SETUP_NAME_INVALID', (v) => typeof v === 'string' && v.trim().length > 0 && Array.from(v.trim()).length <= max, (v) => (v as string).trim());
  }

  kind(name: string, required = true): PlaceKind | undefined {
    return this.check(name, required, 'SETUP_KIND_INVALID', (v) => (PLACE_KINDS as readonly unknown[]).includes(v));
  }

  hours(name: string, required = true): number | undefined {
    return this.check(name, required, 'SETUP_HOURS_INVALID', (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 2000);
  }

  boolean(name: string): boolean | undefined {
    return this.check(name, false, 'VALIDATION_FAILED', (v) => typeof v === 'boolean');
  }

  /** A code or null (to clear it). */
  optionalCode(name: string): string | null | undefined {
    return this.check(name, false, 'SETUP_CODE_INVALID', (v) => v === null || isValidCode(v));
  }

  timeZone(name: string): string | undefined {
    return this.check(name, false, 'SETUP_TIME_ZONE_INVALID', (v) => {
      if (typeof v !== 'string' || !v.includes('/')) return false;
      try {
        new Intl.DateTimeFormat('en', { timeZone: v });
        return true;
      } catch {
        return false;
      }
    });
  }

  oneOf<T extends string>(name: string, values: readonly T[], code: ErrorCode): T | undefined {
    return this.check(name, false, code, (v) => values.includes(v as T));
  }

  /** Throws the collected problems, if any, as one 400 with every field. */
  done(): void {
    if (this.errors.length) throw DomainError.invalid(this.errors);
  }
}
