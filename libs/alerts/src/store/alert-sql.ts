import { ACTIVE_ALERT_STATUSES, AlertStatus, SEVERITY_RANK } from '../entities/alert-enums';

/**
 * SQL pieces every alert query shares, spelled once (issue 16): the list of active
 * statuses, the severity rank, and the queue order that both the alert list and
 * claim-next use (claim-next takes the first alert the list shows).
 */

/** `('open', 'acknowledged')` — a SQL list of status literals. */
export const statusListSql = (statuses: readonly AlertStatus[]): string => `(${statuses.map((s) => `'${s}'`).join(', ')})`;

/** `('open', 'acknowledged', 'in_progress')` */
export const ACTIVE_STATUSES_SQL = statusListSql(ACTIVE_ALERT_STATUSES);

/** Lower is more urgent; `alias` is the alerts table alias. */
export const severityRankSql = (alias: string): string =>
  `CASE ${alias}.severity ${Object.entries(SEVERITY_RANK)
    .map(([s, r]) => `WHEN '${s}' THEN ${r}`)
    .join(' ')} ELSE 3 END`;

/** The severity of a rank (`expr` yields 0, 1, 2); NULL for any other value. */
export const severityOfRankSql = (expr: string): string =>
  `CASE ${expr} ${Object.entries(SEVERITY_RANK)
    .map(([s, r]) => `WHEN ${r} THEN '${s}'`)
    .join(' ')} END`;

/**
 * workflow.md queue order: severity, then project risk score, then shortfall, then age.
 * The risk score is `a.queue_risk`, the database's copy of project_risk.risk_score (0
 * without one), so that the order is the index IDX_alerts_queue_rank / IDX_alerts_claim_order
 * (migration AlertQueueRank): needs only `a` (alerts) in the FROM clause.
 */
export const QUEUE_ORDER_SQL = `${severityRankSql('a')}, a.queue_risk DESC, a.shortfall_fen DESC, a.first_seen_at ASC, a.id ASC`;
