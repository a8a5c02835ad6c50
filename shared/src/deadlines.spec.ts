import { addHours, afterQuiet, isQuiet, isWorkingDay, localToUtc, reminderTimes, type WorkCalendar } from './deadlines.js';

const TZ = 'Asia/Shanghai';
/** A local Shanghai time as the UTC instant it is. */
const sh = (local: string) => new Date(`${local}+08:00`);

const working: WorkCalendar = {
  timeZone: TZ,
  mode: 'working',
  workingDays: [1, 2, 3, 4, 5],
  workStart: '08:00',
  workEnd: '18:00',
  // 2026's National Day week, and its 调休 Saturday.
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
  extraWorkdays: ['2026-10-10'],
};

describe('deadline arithmetic', () => {
  it('converts local wall time to UTC in the organisation zone', () => {
    expect(localToUtc(2026, 11, 24, 8, 0, TZ).toISOString()).toBe('2026-11-24T00:00:00.000Z');
    // A zone with summer time, for an organisation abroad: the offset of that date is used.
    expect(localToUtc(2026, 7, 1, 9, 0, 'America/New_York').toISOString()).toBe('2026-07-01T13:00:00.000Z');
    expect(localToUtc(2026, 1, 15, 9, 0, 'America/New_York').toISOString()).toBe('2026-01-15T14:00:00.000Z');
  });

  it('adds calendar hours across a month end', () => {
    expect(addHours(sh('2026-11-29T20:00'), 72, { ...working, mode: 'calendar' })).toEqual(sh('2026-12-02T20:00'));
  });

  it('counts only working hours of working days', () => {
    // Friday 17:00 + 3 working hours: 1 on Friday, 2 on Monday morning.
    expect(addHours(sh('2026-11-27T17:00'), 3, working)).toEqual(sh('2026-11-30T10:00'));
    // Before opening time the clock starts at 08:00.
    expect(addHours(sh('2026-11-24T06:30'), 2, working)).toEqual(sh('2026-11-24T10:00'));
    // A whole working day ends at closing time, not the next morning.
    expect(addHours(sh('2026-11-24T08:00'), 10, working)).toEqual(sh('2026-11-24T18:00'));
  });

  it('skips public holidays and works the 调休 Saturday', () => {
    expect(isWorkingDay(sh('2026-10-05T10:00'), working)).toBe(false);
    expect(isWorkingDay(sh('2026-10-10T10:00'), working)).toBe(true);
    // Wednesday 30 Sept 17:00 + 2 h: 1 h that day, then Thu–Wed are holidays or weekend, next is Thu 8 Oct.
    expect(addHours(sh('2026-09-30T17:00'), 2, working)).toEqual(sh('2026-10-08T09:00'));
    // Friday 9 Oct 17:00 + 2 h lands on the 调休 Saturday.
    expect(addHours(sh('2026-10-09T17:00'), 2, working)).toEqual(sh('2026-10-10T09:00'));
  });

  it('holds reminders in quiet hours until the morning, across midnight', () => {
    const quiet = { start: '22:00', end: '07:00' };
    expect(isQuiet(sh('2026-11-24T23:30'), quiet, TZ)).toBe(true);
    expect(isQuiet(sh('2026-11-24T06:59'), quiet, TZ)).toBe(true);
    expect(isQuiet(sh('2026-11-24T07:00'), quiet, TZ)).toBe(false);
    expect(afterQuiet(sh('2026-11-30T23:30'), quiet, TZ)).toEqual(sh('2026-12-01T07:00'));
    expect(afterQuiet(sh('2026-11-24T05:00'), quiet, TZ)).toEqual(sh('2026-11-24T07:00'));
    expect(afterQuiet(sh('2026-11-24T12:00'), quiet, TZ)).toEqual(sh('2026-11-24T12:00'));
  });

  it('reminds at 75% of the time and on the morning it is due', () => {
    expect(reminderTimes(sh('2026-11-24T10:00'), sh('2026-11-27T10:00'), TZ)).toEqual([sh('2026-11-26T16:00'), sh('2026-11-27T08:00')]);
    // A two-hour urgent step: only the 75% reminder.
    expect(reminderTimes(sh('2026-11-24T14:00'), sh('2026-11-24T16:00'), TZ)).toEqual([sh('2026-11-24T15:30')]);
  });
});
