// A 公示 shared in WeChat: the card's title names the mine and the month, and the link opens that mine's
// month (a friend at 西曲矿 must not land on the build's default mine, nor on a later month).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { monthFromLink, reportShare, SHARE_IMAGE } from '../../miniprogram/src/pages/public/share.js';

const MINIPROGRAM = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../miniprogram');

describe('the share of a public report', () => {
  it('names the mine and the month, and links the same report for a chat and for 朋友圈', () => {
    const share = reportShare({ code: 'cy', name: '赤峪煤矿' }, '2026-11');
    expect(share.message).toEqual({ title: '赤峪煤矿2026年11月职工诉求公示', path: '/pages/public/index?org=cy&month=2026-11', imageUrl: SHARE_IMAGE });
    expect(share.timeline).toEqual({ title: '赤峪煤矿2026年11月职工诉求公示', query: 'org=cy&month=2026-11' });
    expect(reportShare({ code: 'xq', name: '西曲矿' }, '2026-03').message.title).toBe('西曲矿2026年3月职工诉求公示');
  });

  it('shares the mine’s 公示 page when it has published nothing yet', () => {
    expect(reportShare({ code: 'xq', name: '西曲矿' }, null)).toEqual({
      message: { title: '西曲矿职工诉求公示', path: '/pages/public/index?org=xq', imageUrl: SHARE_IMAGE },
      timeline: { title: '西曲矿职工诉求公示', query: 'org=xq' },
    });
  });

  it('reads the month a shared link carries, and nothing else', () => {
    expect(monthFromLink('2026-11')).toBe('2026-11');
    for (const bad of [undefined, '', '2026-13', '2026-1', '<script>', '2026-11&x=1']) expect(monthFromLink(bad)).toBeNull();
  });

  it('gives the chat card a picture WeChat shows: a PNG of the package, 5:4, small, copied into the weapp build', () => {
    // A package path (WeChat reads it from the code package), not a data: URL nor a module the build renames.
    expect(SHARE_IMAGE).toMatch(/^\/assets\/[\w/-]+\.png$/);
    const png = fs.readFileSync(path.join(MINIPROGRAM, 'src', SHARE_IMAGE));
    // The PNG signature, then IHDR's width and height.
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    expect(width * 4).toBe(height * 5);
    expect(width).toBeGreaterThanOrEqual(400);
    expect(png.length).toBeLessThan(128 * 1024);
    // config/index.ts copies it to the same path in the weapp build (the built file is checked when there is one).
    expect(fs.readFileSync(path.join(MINIPROGRAM, 'config/index.ts'), 'utf8')).toContain(`'src${SHARE_IMAGE}', to: 'dist/weapp${SHARE_IMAGE}'`);
    const built = path.join(MINIPROGRAM, 'dist/weapp', SHARE_IMAGE);
    if (fs.existsSync(path.join(MINIPROGRAM, 'dist/weapp/app.json'))) expect(fs.readFileSync(built).equals(png)).toBe(true);
  });
});
