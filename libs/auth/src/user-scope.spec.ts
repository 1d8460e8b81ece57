import { Role } from './roles';
import { userScopeProblems } from './user-scope';

describe('userScopeProblems', () => {
  it('requires a unit for inspectors and brigade leads', () => {
    expect(userScopeProblems(Role.Inspector, null, null)).toEqual([expect.stringContaining('unitCode is required for role inspector')]);
    expect(userScopeProblems(Role.BrigadeLead, null, null)).toEqual([expect.stringContaining('unitCode is required for role brigade_lead')]);
    expect(userScopeProblems(Role.Inspector, 'U1', null)).toEqual([]);
  });

  it('requires a bureau for bureau officers', () => {
    expect(userScopeProblems(Role.BureauOfficer, null, null)).toEqual([expect.stringContaining('bureauCode is required')]);
    expect(userScopeProblems(Role.BureauOfficer, null, 'B1')).toEqual([]);
  });

  it('refuses scopes that do not belong to the role, and submitter users', () => {
    expect(userScopeProblems(Role.Admin, 'U1', 'B1')).toHaveLength(2);
    expect(userScopeProblems(Role.Auditor, null, null)).toEqual([]);
    expect(userScopeProblems(Role.Submitter, null, null)).toEqual([expect.stringContaining('API key')]);
  });
});
