// Time is stored in UTC; months and display use the organisation's time zone (DESIGN §2).

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

function parts(date: Date, timeZone: string): Record<string, string> {
  const formatter = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const out: Record<string, string> = {};
  for (const part of formatter.formatToParts(date)) out[part.type] = part.value;
  return out;
}

/** `YYYY-MM` of the instant in the zone. */
export function monthOf(date: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const p = parts(date, timeZone);
  return `${p.year}-${p.month}`;
}

/** `YYYY-MM-DD HH:mm` in the zone, the way staff and workers read times. */
export function formatLocal(date: Date | string, timeZone: string = DEFAULT_TIME_ZONE): string {
  const p = parts(typeof date === 'string' ? new Date(date) : date, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** The human serial number of an appeal: `CY202611-0042`. */
export function formatSerial(orgCode: string, month: string, sequence: number): string {
  return `${orgCode.toUpperCase()}${month.replace('-', '')}-${String(sequence).padStart(4, '0')}`;
}
