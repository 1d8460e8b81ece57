import { decideAccess } from './access-decision';
import { Principal } from './principal';
import { Role } from './roles';

const principal = (role: Role): Principal => ({ kind: 'user', id: 'u1', name: 'x', role, unitCode: null, bureauCode: null, canUnmask: false });

describe('decideAccess', () => {
  it('lets anyone call a public endpoint, even with bad credentials', () => {
    expect(decideAccess({ isPublic: true, roles: undefined, principal: null, credentialError: 'bad' })).toEqual({ allow: true });
  });

  it('is 401 without credentials, naming both ways to authenticate', () => {
    const d = decideAccess({ isPublic: false, roles: [Role.Admin], principal: null });
    expect(d).toMatchObject({ allow: false, status: 401 });
    expect(d.allow === false && d.message).toMatch(/Bearer.*X-Api-Key/);
  });

  it('is 401 with refused credentials, passing the reason on', () => {
    expect(decideAccess({ isPublic: false, roles: [Role.Admin], principal: null, credentialError: 'Access token expired; log in again' })).toEqual({
      allow: false,
      status: 401,
      message: 'Access token expired; log in again',
    });
  });

  it('fails closed: an endpoint without @Roles is 403 even for admins', () => {
    expect(decideAccess({ isPublic: false, roles: undefined, principal: principal(Role.Admin) })).toMatchObject({ allow: false, status: 403 });
    expect(decideAccess({ isPublic: false, roles: [], principal: principal(Role.Admin) })).toMatchObject({ allow: false, status: 403 });
  });

  it('does not let admins in where they are not listed', () => {
    const d = decideAccess({ isPublic: false, roles: [Role.Inspector], principal: principal(Role.Admin) });
    expect(d).toMatchObject({ allow: false, status: 403 });
    expect(d.allow === false && d.message).toContain('allowed roles: inspector');
  });

  it('allows a listed role', () => {
    expect(decideAccess({ isPublic: false, roles: [Role.Inspector, Role.BrigadeLead], principal: principal(Role.BrigadeLead) })).toEqual({ allow: true });
  });
});
