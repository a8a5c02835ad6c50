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
