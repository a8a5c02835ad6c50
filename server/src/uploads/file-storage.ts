// Where photo bytes live. A directory by default; object storage can implement the same interface.
import fs from 'node:fs/promises';
import path from 'node:path';

export interface FileStorage {
  put(key: string, bytes: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
}

export class DirectoryStorage implements FileStorage {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    // Keys are made by the server (ids), but never let one climb out of the root.
    if (!/^[A-Za-z0-9._-]+$/.test(key)) throw new Error(`bad storage key ${key}`);
    return path.join(this.root, key);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    await fs.mkdir(this.root, { recursive: true });
    const target = this.pathOf(key);
    // Write then rename, so a crash never leaves half a photo under the final name.
    await fs.writeFile(`${target}.part`, bytes);
    await fs.rename(`${target}.part`, target);
  }

  get(key: string): Promise<Buffer> {
    return fs.readFile(this.pathOf(key));
  }
}

export const FILE_STORAGE = Symbol('FILE_STORAGE');
