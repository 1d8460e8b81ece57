import { Client } from 'pg';
import { ASSUMED_CLUE_TABLES_DDL, CLUE_CASE_TABLE, CLUE_EVENT_TABLE } from '@wage/reports';

export interface ReportBenchSize {
  alerts: number;
  clues: number;
  projects: number;
  workersPerProject: number;
}

/** A deterministic pseudo-random 0..n-1 from a row number and a salt (no client-side loops). */
const pick = (expr: string, salt: string, n: number): string => `(abs(hashtext((${expr})::text || '${salt}')) % ${n})`;

/**
 * A province-scale year of activity (2026-01-01 … 2026-11-30), written straight into the
 * tables with set-based INSERT … SELECT generate_series (never through the API): 100
 * districts with a brigade, two street teams and a housing bureau each; projects with
 * workers, accounts, deposits and November payroll; alerts with their event history
 * (raised, routed, acknowledged, started, escalated, resolved with amounts, cleared);
 * weekly joint notices; clues with their cases and review events (on stand-in tables
 * when the clue library's own are missing).
 */
export async function loadReportBenchData(db: Client, size: ReportBenchSize): Promise<void> {
  const districts = `SELECT '42' || lpad(c::text, 2, '0') || lpad(d::text, 2, '0') AS r FROM generate_series(1, 10) c, generate_series(1, 10) d`;
  await db.query(`
    INSERT INTO inspection_units (unit_code, name, kind, region_code, street_codes, parent_unit_code)
    SELECT 'B' || r, r || '劳动保障监察大队', 'brigade', r, '{}', NULL FROM (${districts}) x
    UNION ALL
    SELECT 'T' || r || '-' || k, r || '第' || k || '中队', 'team', r, ARRAY[r || lpad(k::text, 3, '0')], 'B' || r
      FROM (${districts}) x, generate_series(1, 2) k`);
  await db.query(`INSERT INTO industry_bureaus (bureau_code, name, region_code, industries)
                  SELECT 'ZJ-' || r, r || '住房和城乡建设局', r, '{housing,municipal}' FROM (${districts}) x`);
  await db.query(`
    INSERT INTO projects (project_code, name, region_code, street_code, industry, construction_unit_uscc, general_contractor_uscc,
                          contract_amount_fen, contract_signed_on, started_on, planned_end_on, status, notice_board_posted)
    SELECT 'P' || g, '项目' || g, r, r || lpad((1 + g % 3)::text, 3, '0'), 'housing', '91420100MA4K000001', '91420100MA4K000002',
           (1000000 + ${pick('g', 'c', 20000000)})::bigint * 100, s, s + 15, s + 400,
           CASE WHEN g % 10 < 8 THEN 'in_progress' WHEN g % 10 = 8 THEN 'suspended' ELSE 'completed' END, g % 7 <> 0
      FROM (SELECT g, '42' || lpad((1 + g % 10)::text, 2, '0') || lpad((1 + (g / 10) % 10)::text, 2, '0') AS r,
                   date '2024-01-01' + ${pick('g', 's', 900)}::int AS s
              FROM generate_series(1, ${size.projects}) g) x`);
  await db.query(`
    INSERT INTO workers (project_code, id_hash, id_enc, id_masked, name, employer_uscc, entered_on)
    SELECT p.project_code, decode(md5(p.project_code || '-' || w), 'hex'), '\\x00', '420101********0001', '工人', '91420100MA4K000002',
           p.contract_signed_on + 10
      FROM projects p, generate_series(1, ${size.workersPerProject}) w`);
  await db.query(`
    INSERT INTO wage_accounts (project_code, bank_name, account_number_enc, account_number_hash, account_number_masked, opened_on, filed_on)
    SELECT project_code, '某银行', '\\x00', decode(md5(project_code), 'hex'), '6222********0001', contract_signed_on + 20, contract_signed_on + 40
      FROM projects WHERE ${pick('project_code', 'a', 8)} <> 0`);
  await db.query(`
    INSERT INTO deposits (project_code, contractor_uscc, form, amount_fen, valid_from)
    SELECT project_code, '91420100MA4K000002', 'bank_guarantee', contract_amount_fen * 15 / 1000, contract_signed_on + 10
      FROM projects WHERE ${pick('project_code', 'd', 5)} <> 0`);
  await db.query(`
    INSERT INTO payroll (project_code, id_hash, period, id_enc, id_masked, payable_fen, paid_fen, paid_on, paid_via)
    SELECT w.project_code, w.id_hash, '2026-11-01', '\\x00', w.id_masked, 600000, 600000, '2026-11-28',
           CASE WHEN ${pick('w.id', 'v', 10)} = 0 THEN 'cash' ELSE 'dedicated_account' END
      FROM workers w JOIN projects p USING (project_code) WHERE p.status IN ('in_progress', 'suspended')`);
  await loadAlerts(db, size);
  await loadNotices(db);
  await loadClues(db, size);
  await db.query('ANALYZE');
}

async function loadAlerts(db: Client, size: ReportBenchSize): Promise<void> {
  const rules = `(ARRAY['PAY_RATIO_LOW','PAYROLL_MISSING','UNPAID_WORKERS','ACCOUNT_MISSING','DEPOSIT_MISSING','NOTICE_BOARD_MISSING','LABOR_COST_SHORT','COMPLAINT_CLUSTER'])`;
  // g % 10: 0 open, 1 acknowledged, 2 in progress, 3-6 resolved, 7-9 cleared; escalated when g % 13 = 0.
  await db.query(`
    CREATE TEMP TABLE bench_alerts AS
    SELECT g, 'P' || (1 + (g * 7919) % ${size.projects}) AS project_code, ${rules}[1 + g % 8] AS rule,
           (ARRAY['red','orange','yellow'])[1 + ${pick('g', 'sev', 3)}] AS severity,
           timestamptz '2026-01-01 02:00+08' + make_interval(days => ${pick('g', 'day', 333)}, hours => g % 9) AS raised_at,
           g % 10 AS kind, g % 13 = 0 AS escalated
      FROM generate_series(1, ${size.alerts}) g`);
  await db.query(`
    INSERT INTO alerts (fingerprint, project_code, rule, severity, status, rule_version, first_seen_at, last_seen_at, shortfall_fen,
                        unit_code, due_at, overdue, escalation_level, resolution, recovered_fen, workers_paid, resolved_at, cleared_at,
                        created_at, updated_at, version)
    SELECT b.project_code || '|' || b.rule || '|' || b.g, b.project_code, b.rule, b.severity,
           CASE b.kind WHEN 0 THEN 'open' WHEN 1 THEN 'acknowledged' WHEN 2 THEN 'in_progress' ELSE CASE WHEN b.kind <= 6 THEN 'resolved' ELSE 'cleared' END END,
           1, b.raised_at, b.raised_at, 100000,
           CASE WHEN right(p.street_code, 3) IN ('001', '002') THEN 'T' || p.region_code || '-' || (right(p.street_code, 1)::int) ELSE 'B' || p.region_code END,
           CASE WHEN b.kind <= 2 THEN b.raised_at + interval '10 days' END, b.kind <= 2 AND b.escalated, CASE WHEN b.escalated THEN 1 ELSE 0 END,
           CASE WHEN b.kind BETWEEN 3 AND 6 THEN 'wages_paid' END, CASE WHEN b.kind BETWEEN 3 AND 6 THEN 100000 + b.g END,
           CASE WHEN b.kind BETWEEN 3 AND 6 THEN 1 + b.g % 30 END,
           CASE WHEN b.kind BETWEEN 3 AND 6 THEN b.raised_at + make_interval(days => 1 + b.g % 20) END,
           CASE WHEN b.kind >= 7 THEN b.raised_at + interval '5 days' END, b.raised_at, b.raised_at + interval '20 days', 1
      FROM bench_alerts b JOIN projects p ON p.project_code = b.project_code`);
  const ev = `INSERT INTO alert_events (alert_id, at, actor_kind, actor_id, actor_name, action, from_status, to_status, note, data)`;
  const from = `FROM bench_alerts b JOIN alerts a ON a.fingerprint = b.project_code || '|' || b.rule || '|' || b.g`;
  await db.query(`${ev}
    SELECT a.id, b.raised_at, 'scan', '1', 'scan 1', 'raised', NULL, 'open', NULL, jsonb_build_object('severity', b.severity) ${from}
    UNION ALL
    SELECT a.id, b.raised_at, 'scan', '1', 'scan 1', 'routed', 'open', 'open', 'brigade of region', NULL ${from}
    UNION ALL
    SELECT a.id, b.raised_at + interval '1 hour', 'user', 'u', 'inspector', 'acknowledge', 'open', 'acknowledged', NULL, NULL ${from} WHERE b.kind BETWEEN 1 AND 6
    UNION ALL
    SELECT a.id, b.raised_at + interval '2 hours', 'user', 'u', 'inspector', 'start', 'acknowledged', 'in_progress', NULL, NULL ${from} WHERE b.kind >= 2 AND b.kind <= 6
    UNION ALL
    SELECT a.id, b.raised_at + interval '3 hours', 'user', 'u', 'inspector', 'comment', a.status, a.status, '已电话联系总包', NULL ${from} WHERE b.g % 3 = 0
    UNION ALL
    SELECT a.id, b.raised_at + interval '11 days', 'system', NULL, 'escalation', 'escalated', 'in_progress', 'in_progress', NULL,
           jsonb_build_object('level', 1) ${from} WHERE b.escalated AND b.kind <= 6
    UNION ALL
    SELECT a.id, a.resolved_at, 'user', 'u', 'inspector', 'resolve', 'in_progress', 'resolved', NULL,
           jsonb_build_object('resolution', 'wages_paid', 'recoveredFen', a.recovered_fen, 'workersPaid', a.workers_paid,
                              'dueAt', b.raised_at + interval '10 days', 'overdue', b.escalated) ${from} WHERE b.kind BETWEEN 3 AND 6
    UNION ALL
    SELECT a.id, a.cleared_at, 'scan', '2', 'scan 2', 'cleared', 'open', 'cleared', 'condition no longer holds', NULL ${from} WHERE b.kind >= 7`);
}

async function loadNotices(db: Client): Promise<void> {
  await db.query(`
    INSERT INTO notices (bureau_code, number, year, seq, issued_on, issuer_name, reply_due_at, status, replied_at, reply_text)
    SELECT b.bureau_code, '〔2026〕第' || w || '号', 2026, w, d, '劳动保障监察机构', d + time '18:00' + interval '14 days',
           CASE WHEN ${pick("b.bureau_code || w", 'r', 5)} = 0 THEN 'sent' ELSE 'replied' END,
           CASE WHEN ${pick("b.bureau_code || w", 'r', 5)} <> 0 THEN d + time '10:00' + make_interval(days => ${pick("b.bureau_code || w", 'late', 18)}) END,
           CASE WHEN ${pick("b.bureau_code || w", 'r', 5)} <> 0 THEN '已督促整改' END
      FROM industry_bureaus b, generate_series(1, 47) w, LATERAL (SELECT date '2026-01-05' + (w - 1) * 7 AS d) x`);
  await db.query(`
    INSERT INTO notice_items (notice_id, alert_id, project_code, rule, severity, requested_action)
    SELECT n.id, a.id, a.project_code, a.rule, a.severity, '请督促整改'
      FROM notices n JOIN alerts a ON a.id IN (n.id * 20, n.id * 20 + 1, n.id * 20 + 2)`);
}

async function loadClues(db: Client, size: ReportBenchSize): Promise<void> {
  const [{ ok }] = (await db.query(`SELECT to_regclass($1) IS NOT NULL AS ok`, [CLUE_CASE_TABLE])).rows;
  if (!ok) await db.query(ASSUMED_CLUE_TABLES_DDL);
  await db.query(`
    INSERT INTO clues (clue_id, received_on, source, region_code, workers_involved)
    SELECT 'C' || g, date '2026-01-01' + ${pick('g', 'rcv', 333)}::int, 'national_platform',
           '42' || lpad((1 + g % 10)::text, 2, '0') || lpad((1 + (g / 10) % 10)::text, 2, '0'), 1 + g % 12
      FROM generate_series(1, ${size.clues}) g`);
  // 85 % closed (a reply approved; 3 % after one return), recovered wages on most of them.
  await db.query(`
    INSERT INTO ${CLUE_CASE_TABLE} (clue_id, status, unit_code, outcome, recovered_fen, workers_paid, closed_at)
    SELECT k.clue_id, CASE WHEN g % 20 < 17 THEN 'closed' ELSE 'accepted' END, 'B' || k.region_code,
           CASE WHEN g % 20 < 17 THEN 'wages_paid' END, CASE WHEN g % 20 < 15 THEN 50000 + g END, CASE WHEN g % 20 < 15 THEN 1 + g % 9 END,
           CASE WHEN g % 20 < 17 THEN (k.received_on + 3 + g % 12) + time '15:00' END
      FROM clues k, LATERAL (SELECT substr(k.clue_id, 2)::int AS g) x`);
  await db.query(`
    INSERT INTO ${CLUE_EVENT_TABLE} (clue_id, at, action, from_status, to_status)
    SELECT clue_id, (received_on + time '09:00'), 'accept', 'received', 'accepted' FROM clues
    UNION ALL
    SELECT cc.clue_id, cc.closed_at - interval '1 day', 'reply', 'contacted', 'replied' FROM ${CLUE_CASE_TABLE} cc WHERE cc.closed_at IS NOT NULL
    UNION ALL
    SELECT cc.clue_id, cc.closed_at - interval '2 days', 'return', 'replied', 'contacted' FROM ${CLUE_CASE_TABLE} cc
     WHERE cc.closed_at IS NOT NULL AND ${pick('cc.clue_id', 'ret', 33)} = 0
    UNION ALL
    SELECT cc.clue_id, cc.closed_at, 'approve', 'replied', 'closed' FROM ${CLUE_CASE_TABLE} cc WHERE cc.closed_at IS NOT NULL`);
}
