// Nest's console logger, in JSON for production. Nest's start-up chatter (every module and route
// mapped) is kept for LOG_LEVEL=debug, so a person starting the demo sees the URLs, not 40 lines.
import { ConsoleLogger, type LogLevel } from '@nestjs/common';

const START_UP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory']);

export class AppLogger extends ConsoleLogger {
  constructor(
    json: boolean,
    private readonly verbose_ = process.env.LOG_LEVEL === 'debug',
  ) {
    super({ json, colors: !json, prefix: 'minqing', logLevels: (verbose_ ? ['log', 'warn', 'error', 'debug'] : ['log', 'warn', 'error', 'fatal']) as LogLevel[] });
  }

  override log(message: unknown, context?: string): void {
    if (!this.verbose_ && context && START_UP_CONTEXTS.has(context)) return;
    super.log(message, context);
  }
}

/** Node's and Fastify's ways of saying "the client hung up before the request was read". */
const ABORT_CODES = new Set(['ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE']);

/**
 * Whether this error is only the client going away (a phone losing its signal mid-upload): the
 * request's own stream aborted, or its socket already closed. A database's ECONNRESET comes while
 * the client is still there, so it stays an error (and a 503).
 */
export function isClientAbort(error: unknown, request: { raw?: { aborted?: boolean; socket?: { destroyed?: boolean } | null } } | undefined): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  if (message === 'aborted' || message === 'Premature close' || code === 'ERR_STREAM_PREMATURE_CLOSE') return true;
  return code !== undefined && ABORT_CODES.has(code) && (request?.raw?.aborted === true || request?.raw?.socket?.destroyed === true);
}
