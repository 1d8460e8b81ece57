import { addMonths, assessedPeriod, isPeriod, periodLabel } from './periods';

describe('periods', () => {
  it('assesses the month before the as-of month', () => {
    expect(assessedPeriod('2026-11-03')).toBe('2026-10-01');
    expect(assessedPeriod('2026-01-01')).toBe('2025-12-01');
    expect(assessedPeriod('2026-03-31')).toBe('2026-02-01');
  });

  it('adds months across years', () => {
    expect(addMonths('2026-10-01', -11)).toBe('2025-11-01');
    expect(addMonths('2025-12-15', 1)).toBe('2026-01-01');
    expect(addMonths('2026-01-01', -13)).toBe('2024-12-01');
  });

  it('labels and validates periods', () => {
    expect(periodLabel('2026-10-01')).toBe('2026-10');
    expect(isPeriod('2026-10-01')).toBe(true);
    expect(isPeriod('2026-10-02')).toBe(false);
    expect(() => assessedPeriod('2026-1-3')).toThrow();
  });
});
