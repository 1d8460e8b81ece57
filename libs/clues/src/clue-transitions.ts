import { Role } from '@wage/auth';
import { ClueAction, ClueStatus, OPEN_CLUE_STATUSES } from './clue-enums';

const WORKERS: readonly Role[] = [Role.Admin, Role.BrigadeLead, Role.Inspector];
const LEADS: readonly Role[] = [Role.Admin, Role.BrigadeLead];
const BEFORE_REPLY: readonly ClueStatus[] = ['received', 'accepted', 'contacted'];

interface Transition {
  from: readonly ClueStatus[];
  /** null: the status does not change. */
  to: ClueStatus | null;
  roles: readonly Role[];
}

/**
 * clues.md "Lifecycle":
 *   accept   received → accepted          contact  accepted → contacted (note)
 *   reply    contacted → replied (outcome, note)
 *   approve  replied → closed (lead)      return   replied → contacted (lead, note)
 *   merge    any open → closed as duplicate (lead)
 *   assign (lead), extend (lead, once, before the reply) on open cases; comment on any case.
 * Admins may do what leads do (they run the service and fix what got stuck).
 */
export const CLUE_TRANSITIONS: Record<ClueAction, Transition> = {
  accept: { from: ['received'], to: 'accepted', roles: WORKERS },
  contact: { from: ['accepted'], to: 'contacted', roles: WORKERS },
  reply: { from: ['contacted'], to: 'replied', roles: WORKERS },
  approve: { from: ['replied'], to: 'closed', roles: LEADS },
  return: { from: ['replied'], to: 'contacted', roles: LEADS },
  merge: { from: OPEN_CLUE_STATUSES, to: 'closed', roles: LEADS },
  assign: { from: OPEN_CLUE_STATUSES, to: null, roles: LEADS },
  extend: { from: BEFORE_REPLY, to: null, roles: LEADS },
  comment: { from: [...OPEN_CLUE_STATUSES, 'closed'], to: null, roles: WORKERS },
};

export type ClueTransitionCheck = { ok: true; to: ClueStatus } | { ok: false; kind: 'forbidden' | 'conflict'; message: string };

/** Whether `role` may apply `action` to a clue case in status `from`, and the status after it. */
export function checkClueTransition(action: ClueAction, from: ClueStatus, role: Role): ClueTransitionCheck {
  const t = CLUE_TRANSITIONS[action];
  if (!t.roles.includes(role)) {
    return { ok: false, kind: 'forbidden', message: `role ${role} may not ${action} clue cases (allowed: ${t.roles.join(', ')})` };
  }
  if (!t.from.includes(from)) {
    return {
      ok: false,
      kind: 'conflict',
      message: `cannot ${action} a clue case that is ${from}; ${action} is allowed only when it is ${t.from.join(' or ')}`,
    };
  }
  return { ok: true, to: t.to ?? from };
}
