// Domain errors carry a code from the contract; the one filter turns them into the one envelope.
// A throw names only the code: the HTTP status is the code's, from the contract's ERROR_STATUS table,
// except for the two kinds that answer with their kind's status whatever the code (not found, a
// body that broke the rules), made by the static methods below.
import { ERROR_MESSAGES, ERROR_STATUS, type ErrorCode, type FieldError } from '@minqing/shared';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: Record<string, unknown>,
    message?: string,
  ) {
    super(message ?? ERROR_MESSAGES[code]);
  }

  /** The HTTP status it answers with. */
  get statusCode(): number {
    return ERROR_STATUS[this.code];
  }

  /** What the URL names does not exist, or is not the caller's to see: 404, with the code of what is missing. */
  static notFound(code: ErrorCode = 'NOT_FOUND'): DomainError {
    return new NotFoundError(code);
  }

  static forbidden(): DomainError {
    return new DomainError('FORBIDDEN');
  }

  /** A body that broke the contract's rules: 400 whatever rule it broke; the first rule's code leads, every field is in details. */
  static invalid(errors: FieldError[]): DomainError {
    return new InvalidBodyError(errors);
  }
}

class NotFoundError extends DomainError {
  override get statusCode(): number {
    return ERROR_STATUS.NOT_FOUND;
  }
}

class InvalidBodyError extends DomainError {
  constructor(errors: FieldError[]) {
    const [first] = errors;
    super(first.code, { fields: errors }, first.message);
  }

  override get statusCode(): number {
    return ERROR_STATUS.VALIDATION_FAILED;
  }
}

/** A transition the status machine refuses (not now), or a stale version: 409 with the current status. */
export class ConflictError extends DomainError {
  constructor(code: ErrorCode, currentStatus: string) {
    super(code, { currentStatus });
  }
}
