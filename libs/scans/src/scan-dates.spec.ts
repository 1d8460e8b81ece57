import { isCalendarDate, todayIn } from './scan-dates';

describe('scan dates', () => {
  it('takes today in Asia/Shanghai, not UTC', () => {
    expect(todayIn('Asia/Shanghai', new Date('2026-11-02T17:30:00Z'))).toBe('2026-11-03');
    expect(todayIn('Asia/Shanghai', new Date('2026-11-02T15:59:00Z'))).toBe('2026-11-02');
  });
  it('accepts real calendar dates only', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-2-3')).toBe(false);
  });
});
