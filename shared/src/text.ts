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
 * (zero-width space and joiners, direction marks and controls, the BOM, soft hyphen), Unicode's
 * default-ignorable characters (variation selectors, the Hangul fillers), and the blank braille cell.
 */
const INVISIBLE = /[\s\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/gu;

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
