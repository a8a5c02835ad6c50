// The one exception filter: every error leaves as
// {statusCode, code, message, details?} with a sentence a worker can read; never a stack trace.
import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { ERROR_MESSAGES, type ErrorEnvelope } from '@minqing/shared';
import type { FastifyReply } from 'fastify';
import { isClientAbort } from './app-logger.js';
import { DomainError } from './domain-error.js';

/** The other way round, for the framework's and Fastify's own errors, which come with a status and no code. */
const STATUS_CODES: Record<number, keyof typeof ERROR_MESSAGES> = {
  400: 'VALIDATION_FAILED',
  401: 'AUTH_REQUIRED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'UPLOAD_TOO_LARGE',
  415: 'VALIDATION_FAILED',
  429: 'RATE_LIMITED',
};

/** Errors of the database driver that mean "the database is not reachable", not "bad data". */
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'PROTOCOL_CONNECTION_LOST', 'ER_CON_COUNT_ERROR', 'SQLITE_BUSY', 'SQLITE_LOCKED']);

export function toEnvelope(error: unknown): ErrorEnvelope {
  if (error instanceof DomainError) {
    // Its status is its code's in the contract's ERROR_STATUS (or its kind's: not found, invalid body).
    return { statusCode: error.statusCode, code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
  }
  if (error instanceof HttpException) {
    const statusCode = error.getStatus();
    const code = STATUS_CODES[statusCode] ?? (statusCode >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_FAILED');
    return { statusCode, code, message: ERROR_MESSAGES[code] };
  }
  const anyError = error as { code?: string; statusCode?: number; driverError?: { code?: string } } | undefined;
  const errno = anyError?.driverError?.code ?? anyError?.code;
  if (errno && UNAVAILABLE_ERRNOS.has(errno)) {
    return { statusCode: 503, code: 'DATABASE_UNAVAILABLE', message: ERROR_MESSAGES.DATABASE_UNAVAILABLE };
  }
  // Fastify's own errors (bad JSON, body too large, wrong content type) carry a 4xx statusCode.
  const status = anyError?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = status === 413 ? 'UPLOAD_TOO_LARGE' : (STATUS_CODES[status] ?? 'VALIDATION_FAILED');
    return { statusCode: status, code, message: ERROR_MESSAGES[code] };
  }
  return { statusCode: 500, code: 'INTERNAL_ERROR', message: ERROR_MESSAGES.INTERNAL_ERROR };
}

@Catch()
export class ErrorEnvelopeFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const envelope = toEnvelope(error);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    // A client that hung up is nobody's error: one line, no stack.
    if (isClientAbort(error, reply.request))
      this.logger.warn(`client closed the connection: ${reply.request.method} ${reply.request.url.split('?')[0]} (${(error as Error).message})`);
    else if (envelope.statusCode >= 500) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    void reply.status(envelope.statusCode).header('content-type', 'application/json; charset=utf-8').send(envelope);
  }
}
