import { EntityManager } from 'typeorm';
import { StepTimer } from '@wage/common';
import { ALERT_TRANSITIONS, AlertStatus, INSERT_ALERT_EVENTS_SQL, statusListSql } from '@wage/alerts';
import { ScanAlertChanges } from '@wage/workflow';

/** Serialises alert reconciliation across scans (the per-alert date check needs a stable order). */
const RECONCILE_LOCK_KEY = 7_220_260_404;

const T = ALERT_TRANSITIONS.scan;
/** update / clear: alerts someone still has to act on. */
const ACTIVE = statusListSql(T.update.from);
/** Reopened whenever the condition is back (cleared); resolved ones only after it had gone. */
const REOPEN_ALWAYS = statusListSql(T.reopen.from.filter((s) => !T.record_still_present.from.includes(s)));
const RESOLVED = statusListSql(T.record_still_present.from);
/** SQL over the existing row `a`: the scan's finding reopens it. */
const REOPENS = `(a.status IN ${REOPEN_ALWAYS} OR (a.status IN ${RESOLVED} AND a.condition_present IS FALSE))`;
/** The finding only records that the condition is still present on a resolved alert. */
const KEEPS = `(a.status IN ${RESOLVED} AND a.condition_present IS NOT FALSE)`;
/** SET of an updated alert's finding column `col` from the scan's finding `f`, unless the finding only records. */
const keep = (col: string): string => `${col} = CASE WHEN ${KEEPS} THEN a.${col} ELSE f.${col} END`;
const clearOnReopen = (col: string): string => `${col} = CASE WHEN ${REOPENS} THEN NULL ELSE a.${col} END`;

export interface ReconcileCounts extends ScanAlertChanges {
  raised: number;
  updated: number;
}

interface Upserted {
  id: number;
  old_status: AlertStatus | null;
  old_severity: string | null;
  severity: string;
  status: AlertStatus;
}

/**
 * Applies a scan's staged findings to `alerts`, set-based, inside the caller's
 * transaction, following the scan side of the transition table (ALERT_TRANSITIONS.scan,
 * rules.md "Identity, re-evaluation and clearing"):
 *  - raise: unknown fingerprint → new open alert + 'raised'
 *  - update: active alert → last seen, occurrence +1, evidence, thresholds, severity
 *    (+ 'severity_changed' when it moved)
 *  - reopen: cleared alert whose condition is back, or resolved alert whose condition a
 *    scan had seen gone since the resolution → open (same row, resolution fields emptied:
 *    they stay in the history) + 'reopened'
 *  - record_still_present: resolved alert, condition still there → only last seen and
 *    the flag (+ 'condition_still_present' the first time): the person's decision stands
 *  - clear / record_gone: alert in the scan's scope, no finding, rule not skipped →
 *    active: cleared + 'cleared'; resolved: flag "gone" (+ 'condition_gone')
 * Scans are ordered by their date D: an alert whose last_as_of is later than this scan's
 * D is left alone (a new alert may still be raised). Suppressed alerts are reconciled too.
 */
export async function reconcileAlerts(manager: EntityManager, scanId: number, timer = new StepTimer()): Promise<ReconcileCounts> {
  await timer.time('reconcile.lock', () => manager.query('SELECT pg_advisory_xact_lock($1)', [RECONCILE_LOCK_KEY]));
  const [{ as_of: asOf }]: Array<{ as_of: string }> = await manager.query(`SELECT as_of FROM scans WHERE id = $1`, [scanId]);
  await manager.query(
    `CREATE TEMP TABLE scan_upserted (id bigint, old_status text, old_severity text, severity text, status text,
                                      old_condition_present boolean, old_resolution text) ON COMMIT DROP`,
  );
  // Existing alerts are updated and new ones inserted by two separate parts of one
  // statement, not by INSERT … ON CONFLICT: that runs the BEFORE INSERT triggers (region,
  // queue risk, list item) for every proposed row, also for each alert a re-scan finds
  // again, and then the update's (half of a 10× re-scan's upsert time,
  // docs/decisions/scan-reconcile-update-then-insert.md). Only this function inserts
  // alerts, under the advisory lock above, so no other transaction can add a fingerprint
  // meanwhile.
  // `prev` must not lock (FOR UPDATE would skip rows `up` already changed in the same
  // statement); the UPDATE locks the rows it changes. Its WHERE skips (and does not
  // return) alerts a later-dated scan touched; `ins` leaves those alone too.
  await timer.time('reconcile.upsert', () => manager.query(
    `WITH prev AS (
       SELECT a.id, a.fingerprint, a.status, a.severity, a.condition_present, a.resolution
         FROM alerts a JOIN scan_findings f ON f.fingerprint = a.fingerprint AND f.scan_id = $1
     ), up AS (
       UPDATE alerts a SET
         ${['severity', 'joint', 'evidence', 'thresholds', 'rule_version', 'profile_code', 'profile_version', 'shortfall_fen'].map(keep).join(', ')},
         last_seen_at = now(), last_scan_id = f.scan_id, last_as_of = $2::date,
         occurrence_count = a.occurrence_count + 1,
         condition_present = CASE WHEN ${KEEPS} THEN true END,
         status = CASE WHEN ${REOPENS} THEN 'open' ELSE a.status END,
         ${['cleared_at', 'cleared_by_scan_id', 'clear_reason', 'resolution', 'resolution_note', 'recovered_fen', 'workers_paid', 'resolved_at', 'resolved_by']
           .map(clearOnReopen)
           .join(', ')},
         updated_at = now(), version = a.version + 1
         FROM scan_findings f
        WHERE f.scan_id = $1 AND f.fingerprint = a.fingerprint AND (a.last_as_of IS NULL OR a.last_as_of <= $2::date)
       RETURNING a.id, a.fingerprint, a.severity, a.status
     ), ins AS (
       INSERT INTO alerts AS a (fingerprint, project_code, rule, period, severity, status, joint, evidence, thresholds,
                                rule_version, profile_code, profile_version, shortfall_fen, occurrence_count,
                                first_seen_at, last_seen_at, first_scan_id, last_scan_id, last_as_of, version)
       SELECT f.fingerprint, f.project_code, f.rule, f.period, f.severity, 'open', f.joint, f.evidence, f.thresholds,
              f.rule_version, f.profile_code, f.profile_version, f.shortfall_fen, 1, now(), now(), f.scan_id, f.scan_id, $2::date, 1
         FROM scan_findings f
        WHERE f.scan_id = $1 AND NOT EXISTS (SELECT 1 FROM prev WHERE prev.fingerprint = f.fingerprint)
       RETURNING a.id, a.severity, a.status
     )
     INSERT INTO scan_upserted
     SELECT up.id, prev.status, prev.severity, up.severity, up.status, prev.condition_present, prev.resolution
       FROM up JOIN prev USING (fingerprint)
     UNION ALL
     SELECT ins.id, NULL, NULL, ins.severity, ins.status, NULL, NULL FROM ins`,
    [scanId, asOf],
  ));
  const actor = `'scan', $1::text, 'scan ' || $1::text`;
  await timer.time('reconcile.events', () => manager.query(
    `${INSERT_ALERT_EVENTS_SQL}
     SELECT id, ${actor}, '${T.raise.event}', NULL, 'open', NULL, jsonb_build_object('severity', severity)
       FROM scan_upserted WHERE old_status IS NULL
     UNION ALL
     SELECT id, ${actor}, '${T.reopen.event}', old_status, 'open',
            CASE WHEN old_status IN ${RESOLVED} THEN 'the condition came back after a scan had seen it gone since the resolution' END,
            jsonb_strip_nulls(jsonb_build_object('severity', severity,
              'reason', CASE WHEN old_status IN ${RESOLVED} THEN 'condition back after it had gone' ELSE 'condition holds again' END,
              'previousResolution', old_resolution))
       FROM scan_upserted WHERE old_status NOT IN ${ACTIVE} AND status = 'open'
     UNION ALL
     SELECT id, ${actor}, '${T.record_still_present.event}', old_status, status,
            'the condition still holds; the resolution stands (it reopens only after the condition has gone and come back)', NULL
       FROM scan_upserted WHERE old_status IN ${RESOLVED} AND status IN ${RESOLVED} AND old_condition_present IS NULL
     UNION ALL
     SELECT id, ${actor}, '${T.update.event}', NULL, NULL, NULL, jsonb_build_object('from', old_severity, 'to', severity)
       FROM scan_upserted WHERE old_status IN ${ACTIVE} AND old_severity <> severity`,
    [scanId],
  ));
  const cleared: Array<{ id: number }> = await timer.time('reconcile.clear', () => manager.query(
    `WITH gone AS (
       SELECT a.id, a.status, a.condition_present FROM alerts a
         JOIN scan_scopes s ON s.scan_id = $1 AND s.project_code = a.project_code
                           AND s.period IS NOT DISTINCT FROM a.period AND a.rule = ANY(s.rules)
        WHERE (a.last_as_of IS NULL OR a.last_as_of <= $2::date)
          AND (a.status IN ${ACTIVE} OR ${KEEPS} OR a.last_as_of IS NULL OR a.last_as_of < $2::date)
          AND NOT EXISTS (SELECT 1 FROM scan_findings f WHERE f.scan_id = $1 AND f.fingerprint = a.fingerprint)
          AND NOT EXISTS (SELECT 1 FROM scan_skips k WHERE k.scan_id = $1 AND k.project_code = a.project_code AND k.rule = a.rule)
        FOR UPDATE OF a
     ), upd AS (
       UPDATE alerts a SET
              status = CASE WHEN gone.status IN ${ACTIVE} THEN 'cleared' ELSE a.status END,
              cleared_at = CASE WHEN gone.status IN ${ACTIVE} THEN now() ELSE a.cleared_at END,
              cleared_by_scan_id = CASE WHEN gone.status IN ${ACTIVE} THEN $1 ELSE a.cleared_by_scan_id END,
              clear_reason = CASE WHEN gone.status IN ${ACTIVE} THEN 'condition no longer holds' ELSE a.clear_reason END,
              condition_present = CASE WHEN gone.status IN ${RESOLVED} THEN false ELSE a.condition_present END,
              last_scan_id = $1, last_as_of = $2::date, updated_at = now(), version = a.version + 1
         FROM gone WHERE a.id = gone.id
       RETURNING a.id
     ), ev AS (
       ${INSERT_ALERT_EVENTS_SQL}
       SELECT gone.id, ${actor}, '${T.clear.event}', gone.status, 'cleared', 'condition no longer holds', NULL::jsonb
         FROM gone WHERE gone.status IN ${ACTIVE}
       UNION ALL
       SELECT gone.id, ${actor}, '${T.record_gone.event}', gone.status, gone.status,
              'condition no longer holds; the alert stays resolved and reopens if the condition returns', NULL
         FROM gone WHERE gone.status IN ${RESOLVED} AND gone.condition_present IS NOT FALSE
     )
     SELECT upd.id FROM upd JOIN gone USING (id) WHERE gone.status IN ${ACTIVE} ORDER BY upd.id`,
    [scanId, asOf],
  ));
  const upserted: Upserted[] = await manager.query(`SELECT id, old_status, old_severity, severity, status FROM scan_upserted ORDER BY id`);
  const active = new Set<string>(T.update.from);
  const isActive = (s: string | null): boolean => s !== null && active.has(s);
  const raisedOrReopened = upserted.filter((r) => !isActive(r.old_status) && r.status === 'open').map((r) => r.id);
  return {
    raisedOrReopened,
    reopened: upserted.filter((r) => r.old_status !== null && !isActive(r.old_status) && r.status === 'open').map((r) => r.id),
    severityChanged: upserted.filter((r) => isActive(r.old_status) && r.old_severity !== r.severity).map((r) => r.id),
    cleared: cleared.map((r) => r.id),
    raised: raisedOrReopened.length,
    updated: upserted.length - raisedOrReopened.length,
  };
}
