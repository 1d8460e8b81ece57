import { DEFAULT_THRESHOLDS, withDefaults } from './thresholds';

describe('profile thresholds', () => {
  it('fills keys a stored profile lacks from the defaults, including nested SLA keys', () => {
    const t = withDefaults({ payRatioThreshold: 0.9, minimumMonthlyWageYuan: 2740, sla: { acknowledgeDays: 2 } as never });
    expect(t.payRatioThreshold).toBe(0.9);
    expect(t.minimumMonthlyWageYuan).toBe(2740);
    expect(t.sla).toEqual({ ...DEFAULT_THRESHOLDS.sla, acknowledgeDays: 2 });
    expect(withDefaults(null)).toEqual(DEFAULT_THRESHOLDS);
  });
});
