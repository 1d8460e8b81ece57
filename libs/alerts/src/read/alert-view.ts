import { fenToYuanOrNull } from '@wage/money';
import { QUEUE_ORDER_SQL } from '../store/alert-sql';

/** One alert row as the read queries select it. */
export interface AlertRow {
  id: number;
  project_code: string;
  project_name: string | null;
  rule: string;
  severity: string;
  status: string;
  period: string | null;
  evidence: Record<string, unknown>;
  thresholds: Record<string, unknown>;
  unit_code: string | null;
  assignee_user_id: string | null;
  assignee_username: string | null;
  first_seen_at: Date;
  last_seen_at: Date;
  due_at: Date | null;
  escalation_level: number;
  cleared_at: Date | null;
  resolution: string | null;
  suppressed_until: string | null;
  overdue: boolean;
  recovered_fen: string | number | null;
  workers_paid: number | null;
  condition_present: boolean | null;
}

/** An alert as GET /api/v1/alerts lists it (api.md). */
export interface AlertItem {
  id: number;
  projectCode: string;
  projectName: string | null;
  rule: string;
  severity: string;
  status: string;
  period: string | null;
  evidence: Record<string, unknown>;
  thresholds: Record<string, unknown>;
  unitCode: string | null;
  assignee: { id: string; username: string | null } | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  dueAt: Date | null;
  escalationLevel: number;
  clearedAt: Date | null;
  resolution: string | null;
  /** Muted until this date (YYYY-MM-DD, Asia/Shanghai) and still shown, marked; null = not suppressed. */
  suppressedUntil: string | null;
  /** A deadline passed (the console's overdue badge). */
  overdue: boolean;
  /** Wages recovered by the resolution, yuan with 2 decimals ("31794000.00"); null when not recorded. */
  recoveredAmount: string | null;
  /** Workers paid by the resolution; null when not recorded. */
  workersPaid: number | null;
  /**
   * Resolved alerts only: whether the latest scan still saw the condition (true), saw it
   * gone (false: its return reopens the alert), or has not looked since (null).
   */
  conditionStillPresent: boolean | null;
}

export const ALERT_COLUMNS = `a.id, a.project_code, p.name AS project_name, a.rule, a.severity, a.status,
  to_char(a.period, 'YYYY-MM') AS period, a.evidence, a.thresholds, a.unit_code, a.assignee_user_id,
  u.username AS assignee_username, a.first_seen_at, a.last_seen_at, a.due_at, a.escalation_level, a.cleared_at, a.resolution,
  to_char(a.suppressed_until, 'YYYY-MM-DD') AS suppressed_until, a.overdue, a.recovered_fen, a.workers_paid, a.condition_present`;

export const ALERT_FROM = `alerts a
  LEFT JOIN projects p ON p.project_code = a.project_code
  LEFT JOIN project_risk r ON r.project_code = a.project_code
  LEFT JOIN users u ON u.id = a.assignee_user_id`;

/** workflow.md queue order (shared with claim-next). */
export const QUEUE_ORDER = QUEUE_ORDER_SQL;

/** Every field of a list item but the two JSON documents. */
function itemFields(r: Omit<AlertRow, 'evidence' | 'thresholds'>): Omit<AlertItem, 'evidence' | 'thresholds'> {
  return {
    id: r.id,
    projectCode: r.project_code,
    projectName: r.project_name,
    rule: r.rule,
    severity: r.severity,
    status: r.status,
    period: r.period,
    unitCode: r.unit_code,
    assignee: r.assignee_user_id ? { id: r.assignee_user_id, username: r.assignee_username } : null,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
    dueAt: r.due_at,
    escalationLevel: r.escalation_level,
    clearedAt: r.cleared_at,
    resolution: r.resolution,
    suppressedUntil: r.suppressed_until,
    overdue: r.overdue,
    recoveredAmount: fenToYuanOrNull(r.recovered_fen),
    workersPaid: r.workers_paid,
    conditionStillPresent: r.status === 'resolved' ? r.condition_present : null,
  };
}

export function toAlertItem(r: AlertRow): AlertItem {
  return { ...itemFields(r), evidence: r.evidence, thresholds: r.thresholds };
}


/**
 * The list item as PostgreSQL keeps it for each alert (`alerts.list_item`, migration
 * AlertListItem: the same fields and values as toAlertItem, which the detail view uses;
 * test/alerts-read.e2e-spec.ts compares the two). A page of the list is mostly evidence;
 * parsing it and every row's columns into objects only to serialise them again was most
 * of a list request's CPU in Node, and building the items in every page's statement most
 * of PostgreSQL's (issue 17).
 */
export const ALERT_ITEM_JSON_SQL = `a.list_item`;
