// A request that has not been answered in REQUEST_TIMEOUT_MS gets 503 "系统正忙" instead of hanging:
// when the database stops answering (frozen, not refusing), a worker on a phone sees a clear message
// and retries with the same idempotency key, which can never make a second appeal. Photo uploads are
// exempt: on a weak signal their body alone may take longer.
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { TimeoutError, catchError, throwError, timeout, type Observable } from 'rxjs';
import { DomainError } from './domain-error.js';

@Injectable()
export class RequestTimeoutInterceptor implements NestInterceptor {
  constructor(private readonly timeoutMs: number) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<{ url?: string }>();
    if (request.url?.startsWith('/api/uploads')) return next.handle();
    return next.handle().pipe(
      timeout(this.timeoutMs),
      catchError((error: unknown) => throwError(() => (error instanceof TimeoutError ? new DomainError('DATABASE_UNAVAILABLE') : error))),
    );
  }
}

/** The promise's value, or 503 "系统正忙" when it has not settled in `ms` (for work outside the interceptor). */
export function answerWithin<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DomainError('DATABASE_UNAVAILABLE')), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
