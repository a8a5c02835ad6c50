// Money is whole fen (分), an integer, from the API to WeChat Pay and back: a type
// that only `fen()` can make, so a float cannot slip into an amount.

declare const FEN: unique symbol;
export type Fen = number & { readonly [FEN]: true };

/** A positive whole number of fen, or null when the value is anything else (a float, a string, NaN). */
export function fen(value: unknown): Fen | null {
  return Number.isSafeInteger(value) && (value as number) > 0 ? (value as Fen) : null;
}

export function addFen(a: Fen, b: Fen): Fen {
  return (a + b) as Fen;
}

/** ¥1,234.50 for people, from the integer alone (no division, so no rounding). */
export function yuan(amount: Fen): string {
  const digits = String(amount).padStart(3, '0');
  const whole = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `¥${whole}.${digits.slice(-2)}`;
}
