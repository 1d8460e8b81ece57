import { Principal } from './principal';
import { Role } from './roles';

export type AccessDecision = { allow: true } | { allow: false; status: 401 | 403; message: string };

export interface AccessQuestion {
  isPublic: boolean;
  /** Roles from @Roles on the handler or controller; undefined when there is none. */
  roles: readonly Role[] | undefined;
  principal: Principal | null;
  /** Why presented credentials were refused (bad token, revoked key, disabled user). */
  credentialError?: string;
}

/**
 * The guard's whole policy, as a pure function. Fail closed: an endpoint that forgot
 * @Roles is refused to everyone (admins included; admins are allowed only where an
 * endpoint lists them).
 */
export function decideAccess(q: AccessQuestion): AccessDecision {
  if (q.isPublic) return { allow: true };
  if (q.credentialError) return { allow: false, status: 401, message: q.credentialError };
  if (!q.principal) {
    return {
      allow: false,
      status: 401,
      message: 'Authentication required: send "Authorization: Bearer <accessToken>" (from POST /api/v1/auth/login) or "X-Api-Key: <key>"',
    };
  }
  if (!q.roles || q.roles.length === 0) {
    return { allow: false, status: 403, message: 'This endpoint declares no allowed roles, so it is closed to everyone' };
  }
  if (!q.roles.includes(q.principal.role)) {
    return {
      allow: false,
      status: 403,
      message: `Role "${q.principal.role}" may not do this; allowed roles: ${q.roles.join(', ')}`,
    };
  }
  return { allow: true };
}
