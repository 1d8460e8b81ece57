import { Role } from '@wage/auth';
import { ACTIVE_ALERT_STATUSES, AlertStatus } from '../entities/alert-enums';

/**
 * The one transition table of an alert (workflow.md "Lifecycle of an alert", rules.md
 * "Identity, re-evaluation and clearing"): what people do and what scans do, side by side.
 *
 * People:
 *   acknowledge  open → acknowledged
 *   start        acknowledged → in_progress
 *   resolve      open | acknowledged | in_progress → resolved (a code is required). Allowed
 *                before "start" because many resolutions need no field work (false_positive,
 *                duplicate) and because a project's active alerts can be resolved in bulk.
 *   reopen       resolved | cleared → open, brigade leads and admins only
 *   assign       on active alerts, brigade leads and admins only (workflow.md: assigning
 *                to others is the lead's; inspectors take work with claim-next)
 *   suppress     on active alerts; comment on any alert. The status stays.
 *
 * Scans (condition = the scan produced the alert's finding):
 *   raise                 no alert + condition → open
 *   update                active + condition → same status (evidence, severity, last seen)
 *   clear                 active + no condition → cleared ("condition no longer holds")
 *   reopen                cleared + condition → open; resolved + condition, when a scan
 *                         has seen the condition gone since the resolution → open
 *   record_still_present  resolved + condition (not seen gone since) → stays resolved;
 *                         only last seen and the still-present flag change: a person has
 *                         decided, and the nightly scan must not undo that
 *   record_gone           resolved + no condition → stays resolved, flag "gone", so a
 *                         later return of the condition reopens it
 */
export type PersonAction = 'acknowledge' | 'start' | 'resolve' | 'reopen' | 'assign' | 'comment' | 'suppress';
export type ScanAction = 'raise' | 'update' | 'clear' | 'reopen' | 'record_still_present' | 'record_gone';

export const PERSON_ACTIONS: readonly PersonAction[] = ['acknowledge', 'start', 'resolve', 'reopen', 'assign', 'comment', 'suppress'];

/** Roles that may act on alerts at all (auditors read, bureau officers work on notices). */
export const ACTING_ROLES: readonly Role[] = [Role.Admin, Role.BrigadeLead, Role.Inspector];
const LEADS: readonly Role[] = [Role.Admin, Role.BrigadeLead];

const ACTIVE = ACTIVE_ALERT_STATUSES;
const TERMINAL: readonly AlertStatus[] = ['resolved', 'cleared'];
const ANY: readonly AlertStatus[] = [...ACTIVE, ...TERMINAL];

export interface PersonTransition {
  from: readonly AlertStatus[];
  /** null: the status does not change. */
  to: AlertStatus | null;
  roles: readonly Role[];
}

export interface ScanTransition {
  /** Statuses this applies to; empty = the alert does not exist yet. */
  from: readonly AlertStatus[];
  /** Whether the scan produced the finding. */
  condition: boolean;
  /** null: the status does not change. */
  to: AlertStatus | null;
  /** The event recorded (none: only bookkeeping columns change). */
  event: string | null;
}

export const ALERT_TRANSITIONS: { person: Record<PersonAction, PersonTransition>; scan: Record<ScanAction, ScanTransition> } = {
  person: {
    acknowledge: { from: ['open'], to: 'acknowledged', roles: ACTING_ROLES },
    start: { from: ['acknowledged'], to: 'in_progress', roles: ACTING_ROLES },
    resolve: { from: ACTIVE, to: 'resolved', roles: ACTING_ROLES },
    reopen: { from: TERMINAL, to: 'open', roles: LEADS },
    assign: { from: ACTIVE, to: null, roles: LEADS },
    comment: { from: ANY, to: null, roles: ACTING_ROLES },
    suppress: { from: ACTIVE, to: null, roles: ACTING_ROLES },
  },
  scan: {
    raise: { from: [], condition: true, to: 'open', event: 'raised' },
    update: { from: ACTIVE, condition: true, to: null, event: 'severity_changed' },
    clear: { from: ACTIVE, condition: false, to: 'cleared', event: 'cleared' },
    reopen: { from: ['cleared', 'resolved'], condition: true, to: 'open', event: 'reopened' },
    record_still_present: { from: ['resolved'], condition: true, to: null, event: 'condition_still_present' },
    record_gone: { from: ['resolved'], condition: false, to: null, event: 'condition_gone' },
  },
};

/**
 * What a scan does to an alert (null status = no alert yet). `conditionPresent` is the
 * flag kept on resolved alerts: false once a scan saw the condition gone after the
 * resolution. Returns null when nothing changes (a cleared alert stays cleared).
 * The set-based reconciliation (libs/scans) implements exactly this; its SQL takes the
 * status lists from ALERT_TRANSITIONS.scan.
 */
export function scanTransition(status: AlertStatus | null, condition: boolean, conditionPresent: boolean | null): ScanAction | null {
  if (status === null) return condition ? 'raise' : null;
  if (ACTIVE.includes(status)) return condition ? 'update' : 'clear';
  if (status === 'cleared') return condition ? 'reopen' : null;
  // resolved
  if (!condition) return 'record_gone';
  return conditionPresent === false ? 'reopen' : 'record_still_present';
}

export type TransitionCheck =
  | { ok: true; to: AlertStatus }
  | { ok: false; kind: 'forbidden' | 'conflict'; message: string };

/** Whether `role` may apply `action` to an alert in status `from`, and the status after it. */
export function checkTransition(action: PersonAction, from: AlertStatus, role: Role): TransitionCheck {
  const t = ALERT_TRANSITIONS.person[action];
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
