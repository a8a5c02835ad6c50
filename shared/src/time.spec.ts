import { formatLocal, formatSerial, localParts, monthOf } from './time.js';

describe('time in the organisation zone', () => {
  it('puts 16:30 UTC on 31 Oct into November in Shanghai', () => {
    expect(monthOf(new Date('2026-10-31T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-11');
    expect(monthOf(new Date('2026-10-31T15:59:00Z'), 'Asia/Shanghai')).toBe('2026-10');
  });
  it('formats local times and serials', () => {
    expect(formatLocal('2026-11-24T01:05:00Z')).toBe('2026-11-24 09:05');
    expect(formatSerial('cy', '2026-11', 42)).toBe('CY202611-0042');
  });
  it('reads the same local time as Intl, across daylight-saving changes and in zones off the hour', () => {
    const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham'];
    const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
    // Every 2 hours 7 minutes 13 seconds over two years (each change of 2025 and 2026), and a minute either side of each quarter hour of one change day.
    const instants: number[] = [];
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2027, 0, 1); t += 7_633_000) instants.push(t);
    for (let t = Date.UTC(2026, 2, 8, 6); t < Date.UTC(2026, 2, 8, 8); t += 15 * 60_000) instants.push(t - 60_000, t, t + 59_999);
    for (const timeZone of zones) {
      const intl = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        weekday: 'short',
        hourCycle: 'h23',
      });
      for (const t of instants) {
        const p = Object.fromEntries(intl.formatToParts(new Date(t)).map((part) => [part.type, part.value]));
        const expected = { year: +p.year, month: +p.month, day: +p.day, hour: +p.hour, minute: +p.minute, weekday: weekdays[p.weekday] };
        const got = localParts(new Date(t), timeZone);
        if (JSON.stringify(got) !== JSON.stringify(expected))
          expect({ timeZone, at: new Date(t).toISOString(), got }).toEqual({ timeZone, at: new Date(t).toISOString(), got: expected });
      }
    }
  });
});
