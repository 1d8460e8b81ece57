import { defaultRange, reportWindow, snapshots } from './report-window';

describe('report window', () => {
  const now = new Date('2026-12-01T03:00:00Z'); // 11:00 in Shanghai

  it('defaults to 1 January of the current Shanghai year up to today', () => {
    expect(defaultRange(new Date('2026-12-31T17:00:00Z'))).toEqual({ from: '2027-01-01', to: '2027-01-01' });
    expect(defaultRange(now)).toEqual({ from: '2026-01-01', to: '2026-12-01' });
  });

  it('turns business days into instants and months clamped to the range', () => {
    const w = reportWindow('2026-01-15', '2026-03-10');
    expect(w.startTs.toISOString()).toBe('2026-01-14T16:00:00.000Z');
    expect(w.endTs.toISOString()).toBe('2026-03-10T16:00:00.000Z');
    expect(w.months).toEqual([
      { month: '2026-01', firstDay: '2026-01-15', lastDay: '2026-01-31' },
      { month: '2026-02', firstDay: '2026-02-01', lastDay: '2026-02-28' },
      { month: '2026-03', firstDay: '2026-03-01', lastDay: '2026-03-10' },
    ]);
    expect(reportWindow('2025-12-31', '2026-01-01').months.map((m) => m.month)).toEqual(['2025-12', '2026-01']);
  });

  it('reads stocks at the end of `to`, live when that has not come yet', () => {
    expect(snapshots(reportWindow('2026-01-01', '2026-03-31'), 'unit', now)).toEqual([
      { month: null, at: new Date('2026-03-31T16:00:00Z'), date: '2026-03-31', live: false },
    ]);
    expect(snapshots(reportWindow('2026-01-01', '2026-12-31'), 'none', now)).toEqual([
      { month: null, at: new Date('2026-12-31T16:00:00Z'), date: '2026-12-01', live: true },
    ]);
  });

  it('reads stocks at each month end for groupBy=month, skipping months not begun', () => {
    const s = snapshots(reportWindow('2026-10-01', '2027-02-28'), 'month', now);
    expect(s.map((x) => [x.month, x.date, x.live])).toEqual([
      ['2026-10', '2026-10-31', false],
      ['2026-11', '2026-11-30', false],
      ['2026-12', '2026-12-01', true],
    ]);
  });
});
