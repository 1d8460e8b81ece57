import { AlertStatus } from '@wage/alerts';
import { Role } from '@wage/auth';

export const WORKFLOW_ACTIONS = ['acknowledge', 'start', 'resolve', 'reopen', 'assign', 'comment', 'suppress'] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/** Roles that may act on alerts at all (auditors read, bureau officers work on notices). */
export const ACTING_ROLES: readonly Role[] = [Role.Admin, Role.BrigadeLead, Role.Inspector];

const ACTIVE: readonly AlertStatus[] = ['open', 'acknowledged', 'in_progress'];
const TERMINAL: readonly AlertStatus[] = ['resolved', 'cleared'];
const ANY: readonly AlertStatus[] = [...ACTIVE, ...TERMINAL];

interface Transition {
  from: readonly AlertStatus[];
  /** null: the status does not change (assign, comment, suppress). */
  to: AlertStatus | null;
  roles: readonly Role[];
}

/**
 * The state machine of workflow.md "Lifecycle of an alert":
 *   acknowledge  open → acknowledged
 *   start        acknowledged → in_progress
 *   resolve      open | acknowledged | in_progress → resolved (a code is required). Allowed
 *                before "start" because many resolutions need no field work (false_positive,
 *                duplicate) and because a project's open alerts can be resolved in bulk.
 *   reopen       resolved | cleared → open, brigade leads and admins only
 *   assign, suppress   on active alerts; comment on any alert. The status stays.
 */
export const TRANSITIONS: Record<WorkflowAction, Transition> = {
  acknowledge: { from: ['open'], to: 'acknowledged', roles: ACTING_ROLES },
  start: { from: ['acknowledged'], to: 'in_progress', roles: ACTING_ROLES },
  resolve: { from: ACTIVE, to: 'resolved', roles: ACTING_ROLES },
  reopen: { from: TERMINAL, to: 'open', roles: [Role.Admin, Role.BrigadeLead] },
  assign: { from: ACTIVE, to: null, roles: ACTING_ROLES },
  comment: { from: ANY, to: null, roles: ACTING_ROLES },
  suppress: { from: ACTIVE, to: null, roles: ACTING_ROLES },
};

export type TransitionCheck =
  | { ok: true; to: AlertStatus }
  | { ok: false; kind: 'forbidden' | 'conflict'; message: string };

/** Whether `role` may apply `action` to an alert in status `from`, and the status after it. */
export function checkTransition(action: WorkflowAction, from: AlertStatus, role: Role): TransitionCheck {
  const t = TRANSITIONS[action];
  if (!t.roles.includes(role)) {
    return { ok: false, kind: 'forbidden', message: `role ${role} may not ${action} alerts (allowed: ${t.roles.join(', ')})` };
  }
  if (!t.from.includes(from)) {
    return {
      ok: false,
      kind: 'conflict',
      message: `cannot ${action} an alert that is ${from}; ${action} is allowed only when the alert is ${t.from.join(' or ')}`,
    };
  }
  return { ok: true, to: t.to ?? from };
}
