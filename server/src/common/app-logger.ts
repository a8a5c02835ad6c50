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
