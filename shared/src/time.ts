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

function formattedParts(at: Date, timeZone: string): LocalParts {
  const p: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(at)) p[part.type] = part.value;
  return { year: +p.year, month: +p.month, day: +p.day, hour: +p.hour, minute: +p.minute, weekday: WEEKDAYS[p.weekday] };
}

// Asking Intl costs microseconds, and a submission asks some twenty times (its month, its steps' due
// times, reminders and quiet hours). Since 1973 every zone's offset from UTC is a whole number of
// minutes, a multiple of 15, and it changes on a quarter hour of UTC: so the offset Intl gives for the
// start of a UTC quarter hour holds for all of it, and the local time is the UTC time shifted by it.
// Remembered per zone and quarter hour; cleared whole past OFFSETS_MAX (a bound, not a cache to tune).
const QUARTER_HOUR = 15 * 60_000;
const SINCE = Date.UTC(1973, 0, 1);
const OFFSETS_MAX = 10_000;
const offsets = new Map<string, Map<number, number>>();

function offsetAt(ms: number, timeZone: string): number {
  const quarter = Math.floor(ms / QUARTER_HOUR);
  let ofZone = offsets.get(timeZone);
  if (!ofZone) offsets.set(timeZone, (ofZone = new Map()));
  let offset = ofZone.get(quarter);
  if (offset === undefined) {
    const start = quarter * QUARTER_HOUR;
    const p = formattedParts(new Date(start), timeZone);
    offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - start;
    if (ofZone.size >= OFFSETS_MAX) ofZone.clear();
    ofZone.set(quarter, offset);
  }
  return offset;
}

export function localParts(at: Date, timeZone: string): LocalParts {
  const ms = at.getTime();
  if (!(ms >= SINCE)) return formattedParts(at, timeZone);
  const local = new Date(ms + offsetAt(ms, timeZone));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    weekday: local.getUTCDay() || 7,
  };
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
