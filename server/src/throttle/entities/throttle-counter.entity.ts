import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimeColumn } from '../../common/columns.js';

/** How many requests one client made in one window of one limit; every server instance counts in the same row. */
@Index('ix_throttle_expires', ['expiresAt'])
@Entity('throttle_counters')
export class ThrottleCounter {
  /** The limit's name and window length, and the client's key (hashed: an IP or a user is not kept readable). */
  @PrimaryColumn({ type: 'varchar', length: 100 })
  bucket: string;

  /** The window's number: its start in milliseconds since 1970 divided by its length. */
  @PrimaryColumn({ name: 'window_no', type: 'integer' })
  windowNo: number;

  @Column({ type: 'integer' })
  hits: number;

  /** When the window ends; the cleanup job deletes rows past it. */
  @TimeColumn({ name: 'expires_at' })
  expiresAt: Date;
}
