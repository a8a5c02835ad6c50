// The store of the abuse limits, in the database so that every server instance counts in the same
// rows. Fixed windows: a client's
// window ends at a multiple of its length; within it a conditional UPDATE adds a hit only while the
// count is below the limit, so parallel requests on any engine and at any isolation level are
// accepted exactly up to the limit — no read-then-write.
import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, LessThan } from 'typeorm';
import { Clock } from '../common/clock.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { ThrottleCounter } from './entities/throttle-counter.entity.js';

export interface Count {
  accepted: boolean;
  /** Seconds until the window ends and the client may try again. */
  secondsLeft: number;
}

/** The throttle_counters table: written and read here only. */
@Injectable()
export class ThrottleCounters {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One request of the client `key` against `limit` per `windowMs`. */
  async count(name: string, key: string, limit: number, windowMs: number): Promise<Count> {
    const now = this.clock.now().getTime();
    const windowNo = Math.floor(now / windowMs);
    const end = (windowNo + 1) * windowMs;
    // Keyed by a keyed hash, never the address itself: a plain hash of an IPv4 address is undone by
    // trying all 2³² of them, and a scan counted per address and place, kept beside an anonymous
    // appeal's place and time, must not say who scanned. Every instance shares the secret, so all
    // count in the same rows.
    const bucket = `${name}:${windowMs}:${createHmac('sha256', this.config.tokenSecret).update(`throttle\u0000${key}`).digest('hex')}`;
    let accepted = await this.bump(bucket, windowNo, limit);
    if (!accepted) {
      // The window's first hit (or it is full): make sure its row exists, then try once more.
      await this.db
        .createQueryBuilder()
        .insert()
        .into(ThrottleCounter)
        .values({ bucket, windowNo, hits: 0, expiresAt: new Date(end) })
        .orIgnore()
        .updateEntity(false)
        .execute();
      accepted = await this.bump(bucket, windowNo, limit);
    }
    return { accepted, secondsLeft: Math.max(1, Math.ceil((end - now) / 1000)) };
  }

  /** Deletes the windows that have ended; returns how many. */
  async sweep(): Promise<number> {
    const result = await this.db.getRepository(ThrottleCounter).delete({ expiresAt: LessThan(this.clock.now()) });
    return result.affected ?? 0;
  }

  private async bump(bucket: string, windowNo: number, limit: number): Promise<boolean> {
    const result = await this.db
      .createQueryBuilder()
      .update(ThrottleCounter)
      .set({ hits: () => 'hits + 1' })
      .where('bucket = :bucket AND window_no = :windowNo AND hits < :limit', { bucket, windowNo, limit })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}

/**
 * Whether a sticker's scan counts: a few an hour per address and place, so one phone (or a script)
 * cannot inflate a place's figures. The scan itself is never refused — the worker still lands on the form.
 */
@Injectable()
export class ScanLimit {
  constructor(
    @Inject(ThrottleCounters) private readonly counters: ThrottleCounters,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async counts(ip: string, org: string, place: string): Promise<boolean> {
    return (await this.counters.count('scan', `${ip}|${org}|${place}`, this.config.throttle.scansPerHourPerPlace, 3_600_000)).accepted;
  }
}
