// Text length as a person counts it: one Chinese character or one emoji is one character,
// never half of a surrogate pair.

export function charLength(text: string): number {
  return Array.from(text).length;
}

/** Cut to at most `max` characters without splitting a surrogate pair; '…' marks a cut. */
export function fitText(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return chars.slice(0, Math.max(0, max - 1)).join('') + '…';
}

/**
 * What a person types as yuan (500, 500.5, 1,200.00) as whole fen, with integer arithmetic only;
 * null for anything else (a third decimal, letters, nothing). Money is never a float here.
 */
export function yuanTextToFen(text: string): number | null {
  const match = /^\s*(\d{1,7})(?:\.(\d{1,2}))?\s*$/.exec(text.replace(/,/g, ''));
  if (!match) return null;
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return fen > 0 ? fen : null;
}

/**
 * What shows nothing on a screen: whitespace of every kind (U+3000 too), the format characters
 * (zero-width space and joiners, direction marks and controls, the BOM, soft hyphen), Unicode's other
 * default-ignorable characters (variation selectors, the Hangul fillers, the tag characters), and the
 * blank braille cell. Spelled out without the `u` flag's property escapes: the mini-program's bundle
 * keeps this as written, and an older WeChat engine would refuse the whole file over one `\p{…}`.
 * Each entry is one code point on its own (the lint rule fears combining sequences; there are none).
 */
const INVISIBLE =
  // eslint-disable-next-line no-misleading-character-class
  /[\s\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u2800\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF0-\uFFFB]|[\uDB40-\uDB43][\uDC00-\uDFFF]|\uD834[\uDD73-\uDD7A]|\uD82F[\uDCA0-\uDCA3]/g;

/** The characters a person can see: `text` without the invisible ones. */
export function visibleLength(text: string): number {
  return charLength(text.replace(INVISIBLE, ''));
}

/** Nothing a reader could see: empty, spaces, or only invisible characters. */
export function isBlank(text: string): boolean {
  return visibleLength(text) === 0;
}

/**
 * The embedding and override controls of bidirectional text (U+202A–U+202E) and its isolates
 * (U+2066–U+2069): nothing a Chinese text needs, and enough to make a published line read backwards
 * (a "‮" turns "已解决" around what follows it). The marks U+200E/U+200F change no order and stay.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/** `value` with the bidirectional controls removed from every string in it (a published JSON answer). */
export function withoutBidiControls<T>(value: T): T {
  if (typeof value === 'string') return stripBidiControls(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => withoutBidiControls(item)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutBidiControls(item)])) as T;
  }
  return value;
}
