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
