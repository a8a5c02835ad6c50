// Where uploaded bytes live: a directory by default (this file), an S3-compatible object store by
// configuration (s3-storage.ts), behind one interface.
import fs from 'node:fs/promises';
import path from 'node:path';
import { DomainError } from '../common/domain-error.js';

export interface StorageHealth {
  /** Free bytes where photos are written (null: the storage cannot tell). */
  freeBytes: number | null;
  /** The last write failed because the disk was full (cleared by the next write that succeeds). */
  lastWriteFull: boolean;
  /** Whether the store answered, with our key accepted (absent: a local disk, there as long as the process is). */
  reachable?: boolean;
}

export interface FileStorage {
  /** Stores the bytes under `key`; a full disk is STORAGE_UNAVAILABLE (503, try again) and leaves nothing behind. */
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes; a key that is not there is 404 (DomainError.notFound), a store that does not answer STORAGE_UNAVAILABLE. */
  get(key: string): Promise<Buffer>;
  /** Removes the file; one already gone is no error. */
  remove(key: string): Promise<void>;
  /** Removes half-written files (a crash or a full disk in the middle of a write) older than `before`; returns how many. */
  removeLeftovers(before: Date): Promise<number>;
  health(): Promise<StorageHealth>;
  /**
   * A URL of the store's own that serves the file to whoever holds it until `expiresInSeconds` after `now`
   * (a presigned URL), or null when this storage has none to give (the server then serves the bytes).
   * Absent: none either. The caller hands it out only after checking who asks.
   */
  signedReadUrl?(key: string, options: { now: Date; expiresInSeconds: number }): Promise<string | null>;
}

/** Keys are made by the server (ids and an extension), but never let one climb out of its root or bucket. */
export function checkedKey(key: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(key) || key.startsWith('.')) throw new Error(`bad storage key ${key}`);
  return key;
}

const PART = '.part';

export class DirectoryStorage implements FileStorage {
  private lastWriteFull = false;

  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    return path.join(this.root, checkedKey(key));
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const target = this.pathOf(key);
    try {
      await fs.mkdir(this.root, { recursive: true });
      // Write then rename, so a crash never leaves half a photo under the final name.
      await fs.writeFile(`${target}${PART}`, bytes);
      await fs.rename(`${target}${PART}`, target);
    } catch (error) {
      await fs.rm(`${target}${PART}`, { force: true });
      if ((error as NodeJS.ErrnoException).code !== 'ENOSPC' && (error as NodeJS.ErrnoException).code !== 'EDQUOT') throw error;
      this.lastWriteFull = true;
      throw new DomainError('STORAGE_UNAVAILABLE');
    }
    this.lastWriteFull = false;
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await fs.readFile(this.pathOf(key));
    } catch (error) {
      // Not on this disk: another instance's photo (directory storage serves one server) or removed meanwhile.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw DomainError.notFound();
      throw error;
    }
  }

  remove(key: string): Promise<void> {
    return fs.rm(this.pathOf(key), { force: true });
  }

  async removeLeftovers(before: Date): Promise<number> {
    const names = await fs.readdir(this.root).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names.filter((n) => n.endsWith(PART))) {
      const file = path.join(this.root, name);
      const stat = await fs.stat(file).catch(() => null);
      if (stat && stat.mtime < before) {
        await fs.rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }

  /**
   * The directory's free space: one statfs, the directory made first only when it is not there yet. Each
   * call into the file system is a turn of the event loop for /api/health to wait for; with four workers
   * submitting on SQLite, the mkdir it used to make first as well doubled the check's time (p50 20 ms).
   */
  async health(): Promise<StorageHealth> {
    const statfs = () => fs.statfs(this.root).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : null));
    let stats = await statfs();
    if (stats === undefined) stats = await fs.mkdir(this.root, { recursive: true }).then(statfs, () => null);
    return { freeBytes: stats ? stats.bavail * stats.bsize : null, lastWriteFull: this.lastWriteFull };
  }
}

export const FILE_STORAGE = Symbol('FILE_STORAGE');
