// WeChat refuses a mini-program whose main package is over 2 MB; the admin pages go to a
// subpackage. This measures the weapp build that `npm test` just made.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../support/demo-server.js';

const WEAPP = path.join(ROOT, 'miniprogram/dist/weapp');
const LIMIT = 2 * 1024 * 1024;

function sizeOf(dir: string, skip: (rel: string) => boolean, base = dir): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const rel = path.relative(base, full);
    if (skip(rel)) continue;
    total += entry.isDirectory() ? sizeOf(full, skip, base) : fs.statSync(full).size;
  }
  return total;
}

describe('the weapp build', () => {
  const appJson = JSON.parse(fs.readFileSync(path.join(WEAPP, 'app.json'), 'utf8')) as {
    pages: string[];
    subPackages?: Array<{ root: string }>;
    subpackages?: Array<{ root: string }>;
  };
  const subRoots = [...(appJson.subPackages ?? []), ...(appJson.subpackages ?? [])].map((s) => s.root.replace(/\/$/, ''));

  it("lists the worker's pages", () => {
    expect(appJson.pages).toEqual(expect.arrayContaining(['pages/submit/index', 'pages/mine/index', 'pages/detail/index', 'pages/profile/index']));
    for (const page of appJson.pages) expect(fs.existsSync(path.join(WEAPP, `${page}.js`))).toBe(true);
  });

  it("keeps the main package under WeChat's 2 MB limit", () => {
    const main = sizeOf(WEAPP, (rel) => rel.endsWith('.map') || subRoots.some((root) => rel === root || rel.startsWith(`${root}/`)));
    console.log(`weapp main package: ${(main / 1024).toFixed(1)} KB of ${LIMIT / 1024} KB`);
    expect(main).toBeLessThan(LIMIT);
  });
});
