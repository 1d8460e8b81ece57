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
});
