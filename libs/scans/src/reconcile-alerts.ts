import { EntityManager } from 'typeorm';
import { ScanAlertChanges } from '@wage/workflow';

/** Serialises alert reconciliation across scans of different dates. */
const RECONCILE_LOCK_KEY = 7_220_260_404;
const ACTIVE = `('open', 'acknowledged', 'in_progress')`;

export interface ReconcileCounts extends ScanAlertChanges {
  raised: number;
  updated: number;
}

/**
 * Applies a scan's staged findings to `alerts`, set-based, inside the caller's
 * transaction (rules.md "Identity, re-evaluation and clearing"):
 *  - unknown fingerprint → new open alert + 'raised'
 *  - active alert → last seen, occurrence +1, evidence, thresholds, severity
 *    (+ 'severity_changed' when it moved)
 *  - resolved / cleared alert whose condition is back → reopened (same row) + 'reopened'
 *  - active alert inside the scan's scope with no finding and its rule not skipped for
 *    the project → cleared + 'cleared' (condition no longer holds)
 * Suppression does not stop updates: suppressed alerts are reconciled like the others.
 */
export async function reconcileAlerts(manager: EntityManager, scanId: number): Promise<ReconcileCounts> {
  // `prev` must not lock (FOR UPDATE would skip rows `up` already changed in the same
  // statement); ON CONFLICT locks the rows it updates, and this lock serialises scans.
  await manager.query('SELECT pg_advisory_xact_lock($1)', [RECONCILE_LOCK_KEY]);
  await manager.query(
    `CREATE TEMP TABLE scan_upserted (id bigint, old_status text, old_severity text, severity text) ON COMMIT DROP`,
  );
  await manager.query(
    `WITH prev AS (
       SELECT a.id, a.fingerprint, a.status, a.severity
         FROM alerts a JOIN scan_findings f ON f.fingerprint = a.fingerprint AND f.scan_id = $1
     ), up AS (
       INSERT INTO alerts AS a (fingerprint, project_code, rule, period, severity, status, joint, evidence, thresholds,
                                rule_version, profile_code, profile_version, shortfall_fen, occurrence_count,
                                first_seen_at, last_seen_at, first_scan_id, last_scan_id, version)
       SELECT f.fingerprint, f.project_code, f.rule, f.period, f.severity, 'open', f.joint, f.evidence, f.thresholds,
              f.rule_version, f.profile_code, f.profile_version, f.shortfall_fen, 1, now(), now(), f.scan_id, f.scan_id, 1
         FROM scan_findings f WHERE f.scan_id = $1
       ON CONFLICT (fingerprint) DO UPDATE SET
         severity = EXCLUDED.severity, joint = EXCLUDED.joint, evidence = EXCLUDED.evidence, thresholds = EXCLUDED.thresholds,
         rule_version = EXCLUDED.rule_version, profile_code = EXCLUDED.profile_code, profile_version = EXCLUDED.profile_version,
         shortfall_fen = EXCLUDED.shortfall_fen, last_seen_at = now(), last_scan_id = EXCLUDED.last_scan_id,
         occurrence_count = a.occurrence_count + 1,
         status = CASE WHEN a.status IN ${ACTIVE} THEN a.status ELSE 'open' END,
         cleared_at = CASE WHEN a.status IN ${ACTIVE} THEN a.cleared_at END,
         cleared_by_scan_id = CASE WHEN a.status IN ${ACTIVE} THEN a.cleared_by_scan_id END,
         clear_reason = CASE WHEN a.status IN ${ACTIVE} THEN a.clear_reason END,
         resolution = CASE WHEN a.status IN ${ACTIVE} THEN a.resolution END,
         resolved_at = CASE WHEN a.status IN ${ACTIVE} THEN a.resolved_at END,
         resolved_by = CASE WHEN a.status IN ${ACTIVE} THEN a.resolved_by END,
         updated_at = now(), version = a.version + 1
       RETURNING a.id, a.fingerprint, a.severity
     )
     INSERT INTO scan_upserted SELECT up.id, prev.status, prev.severity, up.severity FROM up LEFT JOIN prev USING (fingerprint)`,
    [scanId],
  );
  const actor = `'scan', $1::text, 'scan ' || $1::text`;
  await manager.query(
    `INSERT INTO alert_events (alert_id, actor_kind, actor_id, actor_name, action, from_status, to_status, data)
     SELECT id, ${actor}, 'raised', NULL, 'open', jsonb_build_object('severity', severity) FROM scan_upserted WHERE old_status IS NULL
     UNION ALL
     SELECT id, ${actor}, 'reopened', old_status, 'open', jsonb_build_object('severity', severity, 'reason', 'condition holds again')
       FROM scan_upserted WHERE old_status NOT IN ${ACTIVE}
     UNION ALL
     SELECT id, ${actor}, 'severity_changed', NULL, NULL, jsonb_build_object('from', old_severity, 'to', severity)
       FROM scan_upserted WHERE old_status IN ${ACTIVE} AND old_severity <> severity`,
    [scanId],
  );
  const cleared: Array<{ id: number; old_status: string }> = await manager.query(
    `WITH gone AS (
       SELECT a.id, a.status FROM alerts a
         JOIN scan_scopes s ON s.scan_id = $1 AND s.project_code = a.project_code
                           AND s.period IS NOT DISTINCT FROM a.period AND a.rule = ANY(s.rules)
        WHERE a.status IN ${ACTIVE}
          AND NOT EXISTS (SELECT 1 FROM scan_findings f WHERE f.scan_id = $1 AND f.fingerprint = a.fingerprint)
          AND NOT EXISTS (SELECT 1 FROM scan_skips k WHERE k.scan_id = $1 AND k.project_code = a.project_code AND k.rule = a.rule)
        FOR UPDATE OF a
     ), upd AS (
       UPDATE alerts a SET status = 'cleared', cleared_at = now(), cleared_by_scan_id = $1,
              clear_reason = 'condition no longer holds', last_scan_id = $1, updated_at = now(), version = a.version + 1
         FROM gone WHERE a.id = gone.id
       RETURNING a.id
     ), ev AS (
       INSERT INTO alert_events (alert_id, actor_kind, actor_id, actor_name, action, from_status, to_status, note)
       SELECT gone.id, ${actor}, 'cleared', gone.status, 'cleared', 'condition no longer holds' FROM gone
     )
     SELECT upd.id, gone.status AS old_status FROM upd JOIN gone USING (id) ORDER BY upd.id`,
    [scanId],
  );
  const upserted: Array<{ id: number; old_status: string | null; old_severity: string | null; severity: string }> = await manager.query(
    `SELECT id, old_status, old_severity, severity FROM scan_upserted ORDER BY id`,
  );
  const active = new Set(['open', 'acknowledged', 'in_progress']);
  const isActive = (s: string | null): boolean => s !== null && active.has(s);
  const raisedOrReopened = upserted.filter((r) => !isActive(r.old_status)).map((r) => r.id);
  return {
    raisedOrReopened,
    severityChanged: upserted.filter((r) => isActive(r.old_status) && r.old_severity !== r.severity).map((r) => r.id),
    cleared: cleared.map((r) => r.id),
    raised: raisedOrReopened.length,
    updated: upserted.length - raisedOrReopened.length,
  };
}
