// The dates on a dispatch sheet, a plan and an extension, as the office types them on a phone: "12月5日" is
// the 5th of December (next year's when that day has passed), what cannot be a day is said so before sending,
// and a date means the end of that day at the mine.
import { dateWords, fieldsFor, parseDateInput, toBody, unreadableDate } from '../../miniprogram/src/admin/components/action-fields.js';

describe('a date typed on the workbench', () => {
  const today = '2026-12-02';

  it('reads the forms people type', () => {
    for (const text of ['12月5日', '12月5号', ' 12月5 ', '12-5', '12/5', '12.05', '2026-12-05', '2026年12月5日', '2026/12/5'])
      expect(parseDateInput(text, today)).toBe('2026-12-05');
    // Without a year, a day already gone is next year's.
    expect(parseDateInput('1月3日', today)).toBe('2027-01-03');
    expect(parseDateInput('12月2日', today)).toBe('2026-12-02');
  });

  it('finds no day in what is none', () => {
    for (const text of ['2月30日', '13月1日', '明天', '12月', '', '2026-12-05T10:00']) expect(parseDateInput(text, today)).toBeNull();
  });

  it('sends the end of that day at the mine, and stops an unreadable date before sending', () => {
    const fields = fieldsFor('dispatch', null, {}, false);
    expect(toBody(fields, { department: 'logistics', instructions: '请处理', dueAt: '12月5日' }, today)).toMatchObject({ dueAt: '2026-12-05T15:59:00.000Z' });
    expect(unreadableDate(fields, { dueAt: '下周五' }, today)?.name).toBe('dueAt');
    expect(unreadableDate(fields, { dueAt: '' }, today)).toBeNull();
    expect(dateWords('2026-12-05')).toBe('12月5日(周六)');
  });

  it("sends no date when the sheet's default day is picked, so the sheet keeps the default", () => {
    const fields = fieldsFor('dispatch', null, {}, false);
    // Due at 10:00 on 12月5日 at the mine.
    const defaults = { dueAt: '2026-12-05T02:00:00.000Z' };
    expect(toBody(fields, { department: 'logistics', instructions: '请处理', dueAt: '2026-12-05' }, today, defaults)).not.toHaveProperty('dueAt');
    expect(toBody(fields, { department: 'logistics', instructions: '请处理', dueAt: '2026-12-06' }, today, defaults)).toMatchObject({ dueAt: '2026-12-06T15:59:00.000Z' });
  });
});
