// Masking of personal data for display (a worker's identity is shown only as far as they chose; public output never carries it).

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

/**
 * Masks every mainland mobile number in a text (138****5678). Staff sometimes type their own mobile
 * into a reply; a notification sent to a worker must not carry a staff member's private phone.
 * Landlines and office numbers (0351-…) stay readable: they are how a worker calls the office; digits
 * glued to letters (a serial like O_E2D19431202611-0005) are not phone numbers.
 */
export function maskMobilesInText(text: string): string {
  return text.replace(/(?<![\dA-Za-z_])(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?![\dA-Za-z_])/g, (match) => {
    const digits = match.replace(/\D/g, '').slice(-11);
    return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  });
}
