import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DirectoryStorage } from './file-storage.js';

describe('DirectoryStorage.health', () => {
  let scratch: string;
  beforeEach(() => (scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-storage-'))));
  afterEach(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('tells the free space of a directory that is there', async () => {
    const health = await new DirectoryStorage(scratch).health();
    expect(health.freeBytes).toBeGreaterThan(0);
    expect(health.lastWriteFull).toBe(false);
  });

  it('makes the directory first when it is not there yet (a new server), then tells its free space', async () => {
    const root = path.join(scratch, 'not', 'yet');
    const health = await new DirectoryStorage(root).health();
    expect(fs.statSync(root).isDirectory()).toBe(true);
    expect(health.freeBytes).toBeGreaterThan(0);
  });

  it('cannot tell the free space where a file stands in the directory’s place', async () => {
    const root = path.join(scratch, 'a-file');
    fs.writeFileSync(root, 'x');
    expect((await new DirectoryStorage(path.join(root, 'uploads')).health()).freeBytes).toBeNull();
  });
});
