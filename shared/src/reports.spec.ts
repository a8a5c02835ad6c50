import { EMPTY_COUNTS, formatRate, isReportMonth, percentile, previousMonth, ratesOf } from './reports.js';

describe('the rates', () => {
  it('divides each count by its own denominator', () => {
    const rates = ratesOf({
      ...EMPTY_COUNTS,
      total: 7,
      valid: 5,
      replied: 4,
      triageDue: 5,
      triagedOnTime: 4,
      answerDue: 4,
      answeredOnTime: 3,
      resolved: 3,
      rated: 2,
      satisfied: 2,
      called: 1,
      answers: 6,
      returned: 1,
      closed: 2,
      reopened: 1,
    });
    expect(rates.replyRate).toEqual({ numerator: 4, denominator: 5, value: 0.8 });
    expect(rates.onTimeRate.value).toBe(0.75);
    // 解决率 is over replied appeals: an explained one counts in the denominator, never as solved.
    expect(rates.resolutionRate).toEqual({ numerator: 3, denominator: 4, value: 0.75 });
    expect(rates.callRate.value).toBe(0.25);
    expect(rates.returnRate.value).toBeCloseTo(1 / 6);
    expect(rates.reopenRate.value).toBe(0.5);
  });

  it('has no value where there is nothing to measure, shown as a dash', () => {
    const rates = ratesOf(EMPTY_COUNTS);
    expect(rates.satisfactionRate).toEqual({ numerator: 0, denominator: 0, value: null });
    expect(formatRate(rates.satisfactionRate.value)).toBe('—');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(2 / 3)).toBe('66.7%');
  });

  it.each([
    [[], null],
    [[5], 5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 9],
    [[10, 1, 9, 2, 8, 3, 7, 4, 6, 5, 100], 10],
  ])('takes the 90th percentile of %j as %s', (values, expected) => {
    expect(percentile(values, 90)).toBe(expected);
  });

  it('knows a report month and the month before it', () => {
    expect(['2026-11', '2026-01'].every(isReportMonth)).toBe(true);
    expect(['2026-13', '2026-1', '26-11', 202611, '2026-11-01'].some(isReportMonth)).toBe(false);
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(previousMonth('2026-11')).toBe('2026-10');
  });
});
