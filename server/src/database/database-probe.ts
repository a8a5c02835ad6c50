import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface DatabaseStatus {
  type: string;
  up: boolean;
  latencyMs?: number;
}

/** Whether the database answers, and how fast: what the health check reports. */
@Injectable()
export class DatabaseProbe {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async probe(timeoutMs: number): Promise<DatabaseStatus> {
    const started = performance.now();
    const type = this.db.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
    try {
      // A database that stopped answering must not hold the health check too: give up after the timeout.
      await Promise.race([this.db.query('SELECT 1'), new Promise((_, reject) => setTimeout(() => reject(new Error('no answer')), timeoutMs).unref())]);
      return { type, up: true, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
    } catch {
      return { type, up: false };
    }
  }
}
