// Time is stored in UTC; months and display use the organisation's time zone.

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
}

// One formatter per zone: building an Intl.DateTimeFormat costs far more than using one.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function localParts(at: Date, timeZone: string): LocalParts {
  const p: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(at)) p[part.type] = part.value;
  return { year: +p.year, month: +p.month, day: +p.day, hour: +p.hour, minute: +p.minute, weekday: WEEKDAYS[p.weekday] };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM` of the instant in the zone. */
export function monthOf(date: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const p = localParts(date, timeZone);
  return `${p.year}-${pad(p.month)}`;
}

/** `YYYY-MM-DD HH:mm` in the zone, the way staff and workers read times. */
export function formatLocal(date: Date | string, timeZone: string = DEFAULT_TIME_ZONE): string {
  const p = localParts(typeof date === 'string' ? new Date(date) : date, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** The human serial number of an appeal: `CY202611-0042`. */
export function formatSerial(orgCode: string, month: string, sequence: number): string {
  return `${orgCode.toUpperCase()}${month.replace('-', '')}-${String(sequence).padStart(4, '0')}`;
}
