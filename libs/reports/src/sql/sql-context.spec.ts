import { Principal, Role } from '@wage/auth';
import { reportWindow } from '../report-window';
import { ReportQuery, SqlContext } from './sql-context';

const who = (role: Role, unitCode: string | null = null): Principal => ({
  kind: 'user',
  id: 'u',
  name: 'u',
  role,
  unitCode,
  bureauCode: null,
  canUnmask: false,
});
const query = (principal: Principal, extra: Partial<ReportQuery> = {}): ReportQuery => ({
  window: reportWindow('2026-01-01', '2026-03-31'),
  groupBy: 'unit',
  principal,
  ...extra,
});
const place = { unit: 'x.unit_code', region: 'x.region_code', month: 'x.month' };

describe('report SQL context', () => {
  it('applies the alerts scope rule to the unit a record is placed in, numbering parameters in order', () => {
    const c = new SqlContext(query(who(Role.BrigadeLead, 'B1'), { regionCode: '4201', unitCode: 'T1' }));
    const start = c.start;
    const where = c.where('x', place);
    expect(start).toBe('$1');
    expect(where).toContain('x.unit_code = $2');
    expect(where).toContain('parent_unit_code = $2');
    expect(where).toContain('x.region_code LIKE $3');
    expect(where).toContain('x.unit_code = $4');
    expect(c.params.slice(1)).toEqual(['B1', '4201%', 'T1']);
  });

  it('sees nothing for roles without a report scope', () => {
    expect(new SqlContext(query(who(Role.Submitter))).where('x', place)).toBe('(FALSE)');
    expect(new SqlContext(query(who(Role.Inspector))).where('x', place)).toBe('(FALSE)');
    expect(new SqlContext(query(who(Role.Admin))).where('x', place)).toBe('(TRUE)');
  });

  it('keys rows by the grouping, never NULL', () => {
    expect(new SqlContext(query(who(Role.Admin))).key(place)).toBe("coalesce(x.unit_code, 'unrouted')");
    expect(new SqlContext(query(who(Role.Admin), { groupBy: 'region' })).key(place)).toBe("coalesce(x.region_code::text, 'unknown')");
    expect(new SqlContext(query(who(Role.Admin), { groupBy: 'month' })).key(place)).toBe('x.month');
    expect(new SqlContext(query(who(Role.Admin), { groupBy: 'none' })).key(place)).toBe("'all'");
  });

  it('finds the month of an instant by the Shanghai month starts, only when grouping by month', () => {
    const c = new SqlContext(query(who(Role.Admin), { groupBy: 'month' }));
    expect(c.monthOfInstant('e.at')).toBe('($1::text[])[width_bucket(e.at, $2::timestamptz[]) + 1]');
    expect(c.params).toEqual([['2026-01', '2026-02', '2026-03'], [new Date('2026-01-31T16:00:00Z'), new Date('2026-02-28T16:00:00Z')]]);
    expect(c.monthOfDay('k.received_on')).toBe('($3::text[])[width_bucket(k.received_on, $4::date[]) + 1]');
    expect(c.params[3]).toEqual(['2026-02-01', '2026-03-01']);
    const none = new SqlContext(query(who(Role.Admin), { groupBy: 'none' }));
    expect([none.monthOfInstant('e.at'), none.params]).toEqual(['NULL', []]);
  });

  it.each([
    ['admin, none', who(Role.Admin), { groupBy: 'none' as const }, true],
    ['auditor, month', who(Role.Auditor), { groupBy: 'month' as const }, true],
    ['admin, unit', who(Role.Admin), { groupBy: 'unit' as const }, false],
    ['admin, region narrowed', who(Role.Admin), { groupBy: 'none' as const, regionCode: '4201' }, false],
    ['brigade lead', who(Role.BrigadeLead, 'B1'), { groupBy: 'none' as const }, false],
  ])('skips placing records only when no figure depends on it (%s)', (_label, principal, extra, free) => {
    expect(new SqlContext(query(principal, extra)).placeFree).toBe(free);
  });
});
