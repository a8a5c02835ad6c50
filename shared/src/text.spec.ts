import { isBlank, stripBidiControls, visibleLength, withoutBidiControls } from './text.js';

describe('invisible text', () => {
  it('counts what a reader sees', () => {
    expect(visibleLength('热水\u200B坏了\u3000')).toBe(4);
    expect(visibleLength('👨‍👩‍👧')).toBe(3);
    expect(isBlank('\u200B\u200C\u200D\u2060\uFEFF\u3000\u00A0\u202E\u2067\u3164\u2800')).toBe(true);
    expect(isBlank('\u200B好')).toBe(false);
    expect(visibleLength('\u{E0041}\u{E007F}好\uFE0F')).toBe(1);
  });

  it('removes the direction overrides and isolates, and only them', () => {
    expect(stripBidiControls('已\u202A解\u202B决\u202C\u202D\u202E\u2066\u2067\u2068\u2069')).toBe('已解决');
    expect(stripBidiControls('a\u200Eb\u200Fc')).toBe('a\u200Eb\u200Fc');
    expect(withoutBidiControls({ items: [{ summary: '\u202E修好了', days: 3, at: null }] })).toEqual({ items: [{ summary: '修好了', days: 3, at: null }] });
  });
});
