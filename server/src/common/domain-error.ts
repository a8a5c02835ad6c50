// Domain errors carry a code from the contract; the one filter turns them into the one envelope.
import { ERROR_MESSAGES, type ErrorCode, type FieldError } from '@minqing/shared';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly statusCode: number,
    readonly details?: Record<string, unknown>,
    message?: string,
  ) {
    super(message ?? ERROR_MESSAGES[code]);
  }

  static notFound(code: ErrorCode = 'NOT_FOUND'): DomainError {
    return new DomainError(code, 404);
  }

  static forbidden(): DomainError {
    return new DomainError('FORBIDDEN', 403);
  }

  /** A body that broke the contract's rules: the first rule's code leads, every field is in details. */
  static invalid(errors: FieldError[], statusCode = 400): DomainError {
    const [first] = errors;
    return new DomainError(first.code, statusCode, { fields: errors }, first.message);
  }
}

/** A transition the status machine refuses (not now), or a stale version: 409 with the current status. */
export class ConflictError extends DomainError {
  constructor(code: ErrorCode, currentStatus: string) {
    super(code, 409, { currentStatus });
  }
}
