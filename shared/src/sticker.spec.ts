import { buildScene, parseScene, stickerTargetFromQuery } from './sticker.js';

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
