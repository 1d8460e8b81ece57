import { Principal, Role } from '@wage/auth';
import { callerScope, named } from './caller-scope';

const p = (role: Role, extra: Partial<Principal> = {}): Principal => ({
  kind: 'user', id: 'u1', name: 'u1', role, unitCode: null, bureauCode: null, canUnmask: false, ...extra,
});

describe('CallerScope', () => {
  it.each([
    ['an admin', p(Role.Admin), 'TRUE'],
    ['an auditor', p(Role.Auditor), 'TRUE'],
    ['an API key', { ...p(Role.Submitter), kind: 'api_key' as const }, 'FALSE'],
  ])('gives %s %s for every object kind (admins and auditors everything, keys nothing)', (_who, principal, sql) => {
    const s = callerScope(principal);
    expect([s.alerts('a', 1).sql, s.projects('p', 1).sql, s.notices('n', 1).sql, s.noticeItems('i', 1).sql]).toEqual([sql, sql, sql, sql]);
  });

  it("limits an inspector's projects to the unit's territory or routed alerts, numbering parameters from the given one", () => {
    const s = callerScope(p(Role.Inspector, { unitCode: 'T1' })).projects('p', 3);
    expect(s.sql).toContain('p.street_code = ANY(su.street_codes)');
    expect(s.sql).toContain('spa.unit_code = $4');
    expect(s.params).toEqual(['T1', 'T1']);
    expect(callerScope(p(Role.Inspector)).projects('p', 1).sql).toBe('FALSE');
  });

  it('shows an inspector only the notice items of their alerts, a bureau the whole notice', () => {
    const items = callerScope(p(Role.Inspector, { unitCode: 'T1' })).noticeItems('i', 2);
    expect(items).toEqual({ sql: 'i.alert_id IN (SELECT sia.id FROM alerts sia WHERE sia.unit_code = $2)', params: ['T1'] });
    const bureau = callerScope(p(Role.BureauOfficer, { bureauCode: 'ZJ' }));
    expect(bureau.noticeItems('i', 1).sql).toBe('TRUE');
    expect(bureau.notices('n', 1)).toEqual({ sql: 'n.bureau_code = $1', params: ['ZJ'] });
  });

  it('keeps roster, internal comments and unmasked data from bureau officers', () => {
    const officer = callerScope(p(Role.BureauOfficer, { bureauCode: 'ZJ', canUnmask: true }));
    expect([officer.maySeeRoster, officer.maySeeInternalComments, officer.mayReadUnmasked]).toEqual([false, false, false]);
    const inspector = callerScope(p(Role.Inspector, { unitCode: 'T1', canUnmask: true }));
    expect([inspector.maySeeRoster, inspector.maySeeInternalComments, inspector.mayReadUnmasked]).toEqual([true, true, true]);
  });

  it('converts to named parameters for query builders', () => {
    expect(named({ sql: 'a.x = $1 OR a.y = $2', params: [1, 2] })).toEqual({ sql: 'a.x = :scope_1 OR a.y = :scope_2', params: { scope_1: 1, scope_2: 2 } });
  });
});
