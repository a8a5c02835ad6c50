// Where photo bytes live. A directory by default; object storage can implement the same interface.
import fs from 'node:fs/promises';
import path from 'node:path';
import { DomainError } from '../common/domain-error.js';

export interface StorageHealth {
  /** Free bytes where photos are written (null: the storage cannot tell). */
  freeBytes: number | null;
  /** The last write failed because the disk was full (cleared by the next write that succeeds). */
  lastWriteFull: boolean;
}

export interface FileStorage {
  /** Stores the bytes under `key`; a full disk is STORAGE_UNAVAILABLE (503, try again) and leaves nothing behind. */
  put(key: string, bytes: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
  /** Removes the file; one already gone is no error. */
  remove(key: string): Promise<void>;
  /** Removes half-written files (a crash or a full disk in the middle of a write) older than `before`; returns how many. */
  removeLeftovers(before: Date): Promise<number>;
  health(): Promise<StorageHealth>;
}

const PART = '.part';

export class DirectoryStorage implements FileStorage {
  private lastWriteFull = false;

  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    // Keys are made by the server (ids), but never let one climb out of the root.
    if (!/^[A-Za-z0-9._-]+$/.test(key)) throw new Error(`bad storage key ${key}`);
    return path.join(this.root, key);
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

  get(key: string): Promise<Buffer> {
    return fs.readFile(this.pathOf(key));
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

  async health(): Promise<StorageHealth> {
    await fs.mkdir(this.root, { recursive: true }).catch(() => undefined);
    const stats = await fs.statfs(this.root).catch(() => null);
    return { freeBytes: stats ? stats.bavail * stats.bsize : null, lastWriteFull: this.lastWriteFull };
  }
}

export const FILE_STORAGE = Symbol('FILE_STORAGE');
