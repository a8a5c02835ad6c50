// Deadline arithmetic: when a step is due, in calendar time or in an
// organisation's working time with its own working days, holidays and 调休 make-up days; quiet hours;
// when reminders go. Instants are UTC Dates; days, hours and holidays are the organisation's local ones.
import { DEFAULT_TIME_ZONE, localParts, type LocalParts } from './time.js';

export interface WorkCalendar {
  timeZone: string;
  mode: 'calendar' | 'working';
  /** ISO weekdays that are working days: 1 = Monday … 7 = Sunday. */
  workingDays: number[];
  /** Local working hours, 'HH:mm'. */
  workStart: string;
  workEnd: string;
  /** Local dates ('YYYY-MM-DD') off work although on a working weekday (法定节假日). */
  holidays: string[];
  /** Local dates worked although on a weekend (调休). */
  extraWorkdays: string[];
}

export interface QuietHours {
  /** Local 'HH:mm'; the quiet period may run over midnight (22:00–07:00). */
  start: string;
  end: string;
}

export const DEFAULT_CALENDAR: WorkCalendar = {
  timeZone: DEFAULT_TIME_ZONE,
  mode: 'calendar',
  workingDays: [1, 2, 3, 4, 5],
  workStart: '08:00',
  workEnd: '18:00',
  holidays: [],
  extraWorkdays: [],
};

export const DEFAULT_QUIET_HOURS: QuietHours = { start: '22:00', end: '07:00' };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The UTC instant of a local wall-clock time in the zone. */
export function localToUtc(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let guess = wall;
  // Two rounds settle the zone's offset, across a DST change too.
  for (let i = 0; i < 2; i++) {
    const p = localParts(new Date(guess), timeZone);
    const seen = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    guess += wall - seen;
  }
  return new Date(guess);
}

const hm = (value: string): [number, number] => {
  const [h, m] = value.split(':').map(Number);
  return [h, m];
};
const dateKey = (p: Pick<LocalParts, 'year' | 'month' | 'day'>) => `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;

export function isWorkingDay(at: Date, calendar: WorkCalendar): boolean {
  const p = localParts(at, calendar.timeZone);
  const key = dateKey(p);
  if (calendar.extraWorkdays.includes(key)) return true;
  if (calendar.holidays.includes(key)) return false;
  return calendar.workingDays.includes(p.weekday);
}

/** The local day after the one `at` falls on, at the given local time. */
function nextLocalDayAt(at: Date, time: string, timeZone: string): Date {
  const p = localParts(at, timeZone);
  const [h, m] = hm(time);
  // Noon of the next day in UTC terms never lands on the wrong local date, whatever the offset.
  const next = new Date(Date.UTC(p.year, p.month - 1, p.day + 1, 12));
  return localToUtc(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), h, m, timeZone);
}

function sameLocalDayAt(at: Date, time: string, timeZone: string): Date {
  const p = localParts(at, timeZone);
  const [h, m] = hm(time);
  return localToUtc(p.year, p.month, p.day, h, m, timeZone);
}

/**
 * When something started at `start` and given `hours` is due. In calendar time, simply later; in
 * working time, only working hours of working days count (a Friday-evening appeal with 8 working
 * hours is due Monday evening, not Saturday).
 */
export function addHours(start: Date, hours: number, calendar: WorkCalendar = DEFAULT_CALENDAR): Date {
  if (calendar.mode === 'calendar') return new Date(start.getTime() + hours * HOUR);
  let remaining = hours * HOUR;
  let cursor = start;
  // A year of days is more than any policy needs; the bound stops a calendar with no working day.
  for (let guard = 0; guard < 400; guard++) {
    const dayStart = sameLocalDayAt(cursor, calendar.workStart, calendar.timeZone);
    const dayEnd = sameLocalDayAt(cursor, calendar.workEnd, calendar.timeZone);
    if (isWorkingDay(cursor, calendar) && cursor < dayEnd) {
      const from = cursor > dayStart ? cursor : dayStart;
      const available = dayEnd.getTime() - from.getTime();
      if (remaining <= available) return new Date(from.getTime() + remaining);
      remaining -= available;
    }
    cursor = nextLocalDayAt(cursor, calendar.workStart, calendar.timeZone);
  }
  throw new Error('the working calendar has no working day within a year');
}

export function isQuiet(at: Date, quiet: QuietHours, timeZone: string = DEFAULT_TIME_ZONE): boolean {
  const p = localParts(at, timeZone);
  const minutes = p.hour * 60 + p.minute;
  const [sh, sm] = hm(quiet.start);
  const [eh, em] = hm(quiet.end);
  const start = sh * 60 + sm;
  const end = eh * 60 + em;
  return start <= end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

/** The first moment at or after `at` outside the quiet hours: when a held-back reminder may go. */
export function afterQuiet(at: Date, quiet: QuietHours, timeZone: string = DEFAULT_TIME_ZONE): Date {
  if (!isQuiet(at, quiet, timeZone)) return at;
  const p = localParts(at, timeZone);
  const [eh, em] = hm(quiet.end);
  const endToday = localToUtc(p.year, p.month, p.day, eh, em, timeZone);
  return endToday > at ? endToday : nextLocalDayAt(at, quiet.end, timeZone);
}

/**
 * When to remind the person responsible of a step from `start` due at `due`: at 75% of the time,
 * and at 08:00 on the morning it is due (when that is still ahead and not the same moment).
 */
export function reminderTimes(start: Date, due: Date, timeZone: string = DEFAULT_TIME_ZONE): Date[] {
  const times: Date[] = [];
  const threeQuarters = new Date(start.getTime() + (due.getTime() - start.getTime()) * 0.75);
  if (threeQuarters > start && threeQuarters < due) times.push(threeQuarters);
  const morning = sameLocalDayAt(due, '08:00', timeZone);
  if (morning > start && morning < due && Math.abs(morning.getTime() - threeQuarters.getTime()) > HOUR) times.push(morning);
  return times.sort((a, b) => a.getTime() - b.getTime());
}

/** The steps of the loop that carry a due time. */
export const DEADLINE_STEPS = ['triage', 'dispatch', 'acknowledge', 'answer', 'plan'] as const;
export type DeadlineStep = (typeof DEADLINE_STEPS)[number];

export const DEADLINE_STEP_LABELS: Record<DeadlineStep, string> = {
  triage: '受理',
  dispatch: '批办',
  acknowledge: '接单',
  answer: '答复',
  plan: '督办计划',
};

/** An organisation's deadline policy; the answer time itself is per category (and 24 h when urgent). */
export interface DeadlinePolicy {
  calendar: WorkCalendar;
  quietHours: QuietHours;
  hours: Record<'triage' | 'dispatch' | 'acknowledge', { normal: number; urgent: number }>;
  urgentAnswerHours: number;
  /** Between the rungs of escalation: department head → leader in charge → party secretary. */
  escalationDelayHours: number;
}

/**
 * When the answer is due on a sheet issued at `at` with no date of its own: the category's time to answer, or
 * the organisation's urgent time (特事特办), in its calendar. The dispatch and the sheet's form both read it.
 */
export function defaultAnswerDue(at: Date, answerHours: number, urgent: boolean, policy: Pick<DeadlinePolicy, 'calendar' | 'urgentAnswerHours'>): Date {
  return addHours(at, urgent ? policy.urgentAnswerHours : answerHours, policy.calendar);
}

export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = {
  calendar: DEFAULT_CALENDAR,
  quietHours: DEFAULT_QUIET_HOURS,
  hours: {
    triage: { normal: 24, urgent: 2 },
    dispatch: { normal: 24, urgent: 2 },
    acknowledge: { normal: 8, urgent: 1 },
  },
  urgentAnswerHours: 24,
  escalationDelayHours: 24,
};

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const hoursOk = (n: unknown) => typeof n === 'number' && n > 0 && n <= 24 * 90;

/** Problems of an organisation's deadline policy as an admin sends it (every part optional). */
export function deadlinePolicyProblems(input: unknown): string[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return ['policy'];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- an untrusted body walked field by field, every value tested before use
  const p = input as Record<string, any>;
  const problems: string[] = [];
  const known = ['calendar', 'quietHours', 'hours', 'urgentAnswerHours', 'escalationDelayHours'];
  problems.push(...Object.keys(p).filter((k) => !known.includes(k)));
  if (p.calendar !== undefined) {
    const c = p.calendar;
    if (typeof c !== 'object' || c === null) problems.push('calendar');
    else {
      if (c.mode !== undefined && c.mode !== 'calendar' && c.mode !== 'working') problems.push('calendar.mode');
      if (
        c.workingDays !== undefined &&
        (!Array.isArray(c.workingDays) || !c.workingDays.every((d: unknown) => Number.isInteger(d) && (d as number) >= 1 && (d as number) <= 7) || c.workingDays.length === 0)
      )
        problems.push('calendar.workingDays');
      for (const key of ['workStart', 'workEnd']) if (c[key] !== undefined && !TIME.test(String(c[key]))) problems.push(`calendar.${key}`);
      if (c.workStart && c.workEnd && TIME.test(c.workStart) && TIME.test(c.workEnd) && c.workStart >= c.workEnd) problems.push('calendar.workEnd');
      for (const key of ['holidays', 'extraWorkdays'])
        if (c[key] !== undefined && (!Array.isArray(c[key]) || !c[key].every((d: unknown) => DATE.test(String(d))))) problems.push(`calendar.${key}`);
    }
  }
  if (p.quietHours !== undefined && (typeof p.quietHours !== 'object' || !TIME.test(String(p.quietHours?.start)) || !TIME.test(String(p.quietHours?.end))))
    problems.push('quietHours');
  if (p.hours !== undefined) {
    for (const step of ['triage', 'dispatch', 'acknowledge'] as const) {
      const h = p.hours?.[step];
      if (h !== undefined && (!hoursOk(h?.normal) || !hoursOk(h?.urgent))) problems.push(`hours.${step}`);
    }
  }
  for (const key of ['urgentAnswerHours', 'escalationDelayHours']) if (p[key] !== undefined && !hoursOk(p[key])) problems.push(key);
  return problems;
}
