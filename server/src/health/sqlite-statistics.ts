import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ScheduledJob } from '../common/interval-job.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';

/**
 * Every six hours on a SQLite file: PRAGMA optimize, which runs ANALYZE on the tables whose statistics
 * have gone stale (it does nothing otherwise), as SQLite advises for a long-lived connection — a mine's
 * database starts empty, and the statistics taken as the server opened would say so for ever. On
 * MariaDB/MySQL InnoDB keeps its own statistics.
 */
@Injectable()
export class SqliteStatistics extends ScheduledJob {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(config.schedulers && db.options.type === 'better-sqlite3' && db.options.database !== ':memory:', 'SqliteStatistics', 6 * 3600_000);
  }

  protected async tick(): Promise<string | null> {
    await this.refresh();
    return null;
  }

  /** ANALYZE where SQLite judges the statistics stale or missing. */
  async refresh(): Promise<void> {
    await this.db.query('PRAGMA optimize');
  }
}
