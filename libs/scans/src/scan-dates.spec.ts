import { checkScanDate } from './scan-dates';

describe('which scan dates a caller may ask for', () => {
  const today = '2026-12-01';
  it.each([
    ['admin, today', today, true, { ok: true }],
    ['admin, 400 days back', '2025-10-27', true, { ok: true }],
    ['admin, 401 days back', '2025-10-26', true, { ok: false, status: 400 }],
    ['admin, tomorrow', '2026-12-02', true, { ok: false, status: 400 }],
    ['lead, today', today, false, { ok: true }],
    ['lead, yesterday', '2026-11-30', false, { ok: false, status: 403 }],
    ['lead, tomorrow', '2026-12-02', false, { ok: false, status: 400 }],
  ])('%s', (_label, asOf, mayBackdate, expected) => {
    expect(checkScanDate(asOf, today, mayBackdate)).toMatchObject(expected);
  });
  it('names the allowed dates in the message', () => {
    const r = checkScanDate('2099-01-01', today, true);
    expect(!r.ok && r.message).toContain(today);
    const lead = checkScanDate('2026-11-03', today, false);
    expect(!lead.ok && lead.message).toMatch(/brigade leads may scan only today's date \(2026-12-01\)/);
  });
});
