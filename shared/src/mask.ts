// Masking of personal data for display (DESIGN §1: identities; public output never carries them).

export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  if (phone.length <= 7) return phone.replace(/\d(?=\d{2})/g, '*');
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

export function maskName(name: string | null | undefined): string | null {
  if (!name) return null;
  const chars = Array.from(name);
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}
