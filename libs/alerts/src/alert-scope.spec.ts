import { Principal, Role } from '@wage/auth';
import { alertScopeSql, alertScopeWhere, mayReadUnmasked } from './alert-scope';

const p = (role: Role, extra: Partial<Principal> = {}): Principal => ({
  kind: 'user',
  id: 'u1',
  name: 'u1',
  role,
  unitCode: null,
  bureauCode: null,
  canUnmask: false,
  ...extra,
});

describe('alert scope', () => {
  it('lets admins and auditors see everything and submitters nothing', () => {
    expect(alertScopeSql(p(Role.Admin), 'a', 1)).toEqual({ sql: 'TRUE', params: [] });
    expect(alertScopeSql(p(Role.Auditor), 'a', 1)).toEqual({ sql: 'TRUE', params: [] });
    expect(alertScopeSql(p(Role.Submitter), 'a', 1).sql).toBe('FALSE');
    expect(alertScopeSql({ ...p(Role.Admin), kind: 'api_key' }, 'a', 1).sql).toBe('FALSE');
  });
  it('limits inspectors to their unit and leads to their brigade and its teams', () => {
    expect(alertScopeSql(p(Role.Inspector, { unitCode: 'T1' }), 'x', 3)).toEqual({ sql: 'x.unit_code = $3', params: ['T1'] });
    const lead = alertScopeSql(p(Role.BrigadeLead, { unitCode: 'B1' }), 'a', 1);
    expect(lead.sql).toContain('parent_unit_code = $1');
    expect(lead.params).toEqual(['B1']);
    expect(alertScopeSql(p(Role.Inspector), 'a', 1).sql).toBe('FALSE');
  });
  it('gives bureau officers the alerts of their notices, with named parameters for query builders', () => {
    const w = alertScopeWhere(p(Role.BureauOfficer, { bureauCode: 'ZJ' }), 'a');
    expect(w.sql).toContain('notice_items');
    expect(w.sql).toContain(':scope_1');
    expect(w.params).toEqual({ scope_1: 'ZJ' });
  });
  it('never unmasks for bureau officers', () => {
    expect(mayReadUnmasked(p(Role.BureauOfficer, { canUnmask: true }))).toBe(false);
    expect(mayReadUnmasked(p(Role.Inspector, { canUnmask: true }))).toBe(true);
    expect(mayReadUnmasked(p(Role.Inspector))).toBe(false);
  });
});
