// Periodic work in the server process: one tick at a time (a slow run is not overtaken by the next),
// failures logged rather than thrown, off when the configuration says so (tests call the work directly).
import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

export class IntervalJob {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private readonly logger: Logger;

  constructor(
    private readonly name: string,
    private readonly everyMs: number,
    private readonly work: () => Promise<string | null>,
  ) {
    this.logger = new Logger(name);
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const report = await this.work();
      if (report) this.logger.log(report);
    } catch (error) {
      this.logger.error(`${this.name} failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}

/**
 * A job that every server process runs on a timer while the configuration turns schedulers on
 * (tests turn them off and call the work directly). Subclasses say what a tick does.
 */
export abstract class ScheduledJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: IntervalJob;

  protected constructor(
    private readonly enabled: boolean,
    name: string,
    everyMs: number,
  ) {
    this.job = new IntervalJob(name, everyMs, () => this.tick());
  }

  /** One run; what it returns is logged (null: nothing worth a line). */
  protected abstract tick(): Promise<string | null>;

  onApplicationBootstrap(): void {
    if (this.enabled) this.job.start();
  }

  onApplicationShutdown(): void {
    this.job.stop();
  }
}
