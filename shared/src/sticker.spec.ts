import { buildScene, parseScene, scanSceneFromQuery, stickerTargetFromQuery } from './sticker.js';

describe('sticker targets', () => {
  it('reads a mini-program code scene, encoded as WeChat hands it over', () => {
    expect(stickerTargetFromQuery({ scene: encodeURIComponent('o=cy&s=dorm2') })).toEqual({ org: 'cy', place: 'dorm2' });
  });
  it('reads an ordinary-link QR passed as q', () => {
    const q = encodeURIComponent('https://mq.example.cn/q/cy/bath');
    expect(stickerTargetFromQuery({ q })).toEqual({ org: 'cy', place: 'bath' });
  });
  it('keeps the organisation when the place code is malformed', () => {
    expect(parseScene('o=cy&s=<script>')).toEqual({ org: 'cy' });
  });
  it('refuses scenes over 32 characters', () => {
    expect(buildScene('cy', 'dorm2')).toBe('o=cy&s=dorm2');
    expect(() => buildScene('cy', 'x'.repeat(30))).toThrow(/32/);
  });
});

describe('the scan a launch counts', () => {
  it("counts a link QR's scan from q, as the scene of its organisation and place", () => {
    // What WeChat hands the page: the link encoded once (and scancode_time beside it).
    const q = encodeURIComponent('https://mq.example.cn/q/cy/dorm2');
    expect(scanSceneFromQuery({ q, scancode_time: '1764640000' })).toBe('o=cy&s=dorm2');
    expect(parseScene(scanSceneFromQuery({ q })!)).toEqual(stickerTargetFromQuery({ q }));
  });
  it("passes a mini-program code's scene on decoded", () => {
    expect(scanSceneFromQuery({ scene: encodeURIComponent('o=cy&s=bath') })).toBe('o=cy&s=bath');
  });
  it('counts nothing for a link without a place, a foreign link, or a plain opening', () => {
    expect(scanSceneFromQuery({ q: encodeURIComponent('https://mq.example.cn/q/cy') })).toBeUndefined();
    expect(scanSceneFromQuery({ q: encodeURIComponent('https://elsewhere.example.cn/x/cy/dorm2') })).toBeUndefined();
    expect(scanSceneFromQuery({ org: 'cy', place: 'dorm2' })).toBeUndefined();
  });
});
