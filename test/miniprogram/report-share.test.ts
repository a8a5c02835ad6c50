// A 公示 shared in WeChat: the card's title names the mine and the month, and the link opens that mine's
// month (a friend at 西曲矿 must not land on the build's default mine, nor on a later month).
import { monthFromLink, reportShare } from '../../miniprogram/src/pages/public/share.js';

describe('the share of a public report', () => {
  it('names the mine and the month, and links the same report for a chat and for 朋友圈', () => {
    const share = reportShare({ code: 'cy', name: '赤峪煤矿' }, '2026-11');
    expect(share.message).toEqual({ title: '赤峪煤矿2026年11月职工诉求公示', path: '/pages/public/index?org=cy&month=2026-11' });
    expect(share.timeline).toEqual({ title: '赤峪煤矿2026年11月职工诉求公示', query: 'org=cy&month=2026-11' });
    expect(reportShare({ code: 'xq', name: '西曲矿' }, '2026-03').message.title).toBe('西曲矿2026年3月职工诉求公示');
  });

  it('shares the mine’s 公示 page when it has published nothing yet', () => {
    expect(reportShare({ code: 'xq', name: '西曲矿' }, null)).toEqual({
      message: { title: '西曲矿职工诉求公示', path: '/pages/public/index?org=xq' },
      timeline: { title: '西曲矿职工诉求公示', query: 'org=xq' },
    });
  });

  it('reads the month a shared link carries, and nothing else', () => {
    expect(monthFromLink('2026-11')).toBe('2026-11');
    for (const bad of [undefined, '', '2026-13', '2026-1', '<script>', '2026-11&x=1']) expect(monthFromLink(bad)).toBeNull();
  });
});
