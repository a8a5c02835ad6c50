import { formatLocal, formatSerial, monthOf } from './time.js';

describe('time in the organisation zone', () => {
  it('puts 16:30 UTC on 31 Oct into November in Shanghai', () => {
    expect(monthOf(new Date('2026-10-31T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-11');
    expect(monthOf(new Date('2026-10-31T15:59:00Z'), 'Asia/Shanghai')).toBe('2026-10');
  });
  it('formats local times and serials', () => {
    expect(formatLocal('2026-11-24T01:05:00Z')).toBe('2026-11-24 09:05');
    expect(formatSerial('cy', '2026-11', 42)).toBe('CY202611-0042');
  });
});
