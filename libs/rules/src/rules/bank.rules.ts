import { ratioText, shareAbove } from '../money';
import { defineRule } from './define-rule';
import { num, RuleGate, SCOPE_CTE, thInt } from './rule-sql';
import { CODE_BOUNDS_CTE, IN_CODE_BOUNDS } from '../engine/code-bounds';
import { PAID_AS_OF, PAYROLL_HISTORY, PAYROLL_OF_P, PERIOD_END, PERIOD_PROJECTS, SCOPE_WORKERS, WORKER_LIST_CTE } from './sql-fragments';

/**
 * rules.md "Bank reconciliation rules". A project has a bank feed when a succeeded
 * transfer of it falls between the first day of the month two months before D's month
 * and D; the gate leaves every other project out (not evaluated, not skipped).
 */
export const BANK_FEED_GATE: RuleGate = {
  key: 'bank_feed',
  sql: `SELECT c.project_code FROM unnest($1::text[]) AS c(project_code)
         WHERE EXISTS (SELECT 1 FROM bank_transfers b
                        WHERE b.project_code = c.project_code AND b.status = 'succeeded'
                          AND b.transferred_on BETWEEN (date_trunc('month', $2::date) - interval '2 months')::date AND $2::date)`,
};

/**
 * The transfer `b` left one of its project's wage accounts (blind index of the account
 * number). The statement must define code_bounds: the accounts are read by the scope's
 * code range, not hashed whole.
 */
const FROM_WAGE_ACCOUNT = (b: string): string =>
  `EXISTS (SELECT 1 FROM wage_accounts a WHERE a.project_code = ${b}.project_code AND a.account_number_hash = ${b}.account_number_hash
             AND ${IN_CODE_BOUNDS('a.project_code')})`;

/**
 * The transfer `b` (same payee) matches the payroll row `r` of P: a period of P, or no
 * period and a transferred_on within the window of r.paid_on, with no other row of the
 * payee closer (a tie goes to the earlier period). Only rows with a paid_on compete.
 */
const MATCHES_ROW_OF_P = (b: string, r: string): string => `(${b}.period = $5::date
      OR (${b}.period IS NULL AND abs(${b}.transferred_on - ${r}.paid_on) <= ${r}.window_days
          AND ((${r}.project_code, ${r}.id_hash) NOT IN (SELECT project_code, id_hash FROM rival_payees) OR NOT EXISTS (
            SELECT 1 FROM payroll o
             WHERE o.project_code = ${r}.project_code AND o.id_hash = ${r}.id_hash AND o.period <> $5::date AND o.paid_on IS NOT NULL
               AND (abs(${b}.transferred_on - o.paid_on) < abs(${b}.transferred_on - ${r}.paid_on)
                    OR (abs(${b}.transferred_on - o.paid_on) = abs(${b}.transferred_on - ${r}.paid_on) AND o.period < $5::date))))))`;

/**
 * PAYROLL_UNVERIFIED: over the rows of P paid (as of D) through the dedicated account,
 * the sum of (paid − matched transfers, when positive) is > 0; red above
 * bankUnverifiedRedShare of those rows' paid amount. Shortfall = that sum: wages
 * reported paid that no bank transfer shows reached the worker.
 */
export const PAYROLL_UNVERIFIED = defineRule({
  code: 'PAYROLL_UNVERIFIED',
  kind: 'period',
  joint: false,
  version: 1,
  titleZh: '工资发放未经银行代发核实',
  titleEn: 'Reported pay the bank never transferred',
  thresholdKeys: ['bankUnverifiedRedShare', 'bankMatchWindowDays'],
  gate: BANK_FEED_GATE,
  sql: `WITH ${SCOPE_CTE},
rows_p AS MATERIALIZED (
  SELECT pr.project_code, pr.id_hash, pr.id_masked, pr.paid_on, pr.paid_fen, ${thInt('bankMatchWindowDays')} AS window_days
    FROM ${PAYROLL_OF_P} pr JOIN scope s USING (project_code)
   WHERE pr.project_code = ANY($1::text[]) AND pr.paid_via = 'dedicated_account' AND ${PAID_AS_OF('pr')} > 0),
-- Transfers without a period can only match a row of P near its paid_on: bound them by date first.
bounds AS (SELECT min(paid_on - window_days) AS lo, max(paid_on + window_days) AS hi, max(window_days) AS w FROM rows_p),
${CODE_BOUNDS_CTE},
-- A closer row of another period must be paid within a window of a transfer between lo
-- and hi: the payees with such a row, found in one pass, are the only ones whose
-- transfers need the row-by-row check (one hash lookup for every other payee). Rows of
-- periods before P lie in the payroll history: only projects with a period whose first
-- to last paid_on meets the window can have one, and only their rows are read (none on
-- most nights); later periods (re-evaluating an older P) are read by their code range,
-- and not at all when payroll has none (the EXISTS is a one-time filter: the planner
-- cannot know that a list of later periods would be empty, and reads the range anyway).
rival_payees AS MATERIALIZED (
  SELECT o.project_code, o.id_hash FROM payroll o
   WHERE o.project_code = ANY (ARRAY(
           SELECT DISTINCT h.project_code FROM ${PAYROLL_HISTORY} h
            WHERE h.project_code = ANY($1::text[]) AND h.period < $5::date
              AND h.first_paid_on <= (SELECT hi + w FROM bounds) AND h.last_paid_on >= (SELECT lo - w FROM bounds)))
     AND o.period < $5::date
     AND o.paid_on BETWEEN (SELECT lo - w FROM bounds) AND (SELECT hi + w FROM bounds)
  UNION
  SELECT o.project_code, o.id_hash FROM payroll o
   WHERE EXISTS (SELECT 1 FROM payroll q WHERE q.period > $5::date) AND o.period > $5::date
     AND ${IN_CODE_BOUNDS('o.project_code')}
     AND o.project_code = ANY($1::text[])
     AND o.paid_on BETWEEN (SELECT lo - w FROM bounds) AND (SELECT hi + w FROM bounds)),
-- The wage accounts of the scope, hashed once (an index probe per transfer otherwise).
accounts AS MATERIALIZED (
  SELECT DISTINCT a.project_code, a.account_number_hash FROM wage_accounts a WHERE a.project_code = ANY($1::text[])),
matched AS (
  SELECT r.project_code, r.id_hash, sum(b.amount_fen)::bigint AS transferred_fen
    FROM rows_p r
    JOIN bank_transfers b ON b.project_code = r.project_code AND b.payee_id_hash = r.id_hash
   WHERE b.project_code = ANY($1::text[]) AND b.status = 'succeeded' AND b.transferred_on <= $4::date
     AND (b.project_code, b.account_number_hash) IN (SELECT project_code, account_number_hash FROM accounts)
     AND (b.period = $5::date OR b.transferred_on BETWEEN (SELECT lo FROM bounds) AND (SELECT hi FROM bounds))
     AND ${MATCHES_ROW_OF_P('b', 'r')}
   GROUP BY r.project_code, r.id_hash),
per_row AS MATERIALIZED (
  SELECT r.project_code, r.id_hash, r.id_masked, r.paid_on, r.paid_fen, coalesce(m.transferred_fen, 0) AS transferred_fen,
         greatest(r.paid_fen - coalesce(m.transferred_fen, 0), 0) AS unverified_fen
    FROM rows_p r LEFT JOIN matched m USING (project_code, id_hash)),
hit AS MATERIALIZED (
  SELECT x.project_code, sum(x.paid_fen)::bigint AS reported_paid_fen, sum(x.transferred_fen)::bigint AS transferred_fen,
         sum(x.unverified_fen)::bigint AS unverified_fen, count(*)::int AS payroll_rows,
         count(*) FILTER (WHERE x.unverified_fen > 0)::int AS unverified_workers
    FROM per_row x GROUP BY x.project_code HAVING sum(x.unverified_fen) > 0),
${WORKER_LIST_CTE('lists', {
    from: `FROM per_row x WHERE x.unverified_fen > 0 AND x.project_code IN (SELECT project_code FROM hit)`,
    columns: 'x.paid_fen, x.transferred_fen, x.unverified_fen, x.paid_on',
    fields: `'reportedFen', r.paid_fen, 'transferredFen', r.transferred_fen, 'unverifiedFen', r.unverified_fen, 'paidOn', r.paid_on`,
    order: 'x.unverified_fen DESC',
  })}
SELECT hit.*, lists.workers FROM hit LEFT JOIN lists USING (project_code)`,
  decide(row, t) {
    const reported = num(row.reported_paid_fen);
    const unverified = num(row.unverified_fen);
    if (unverified <= 0) return null;
    return {
      severity: shareAbove(unverified, reported, t.bankUnverifiedRedShare) ? 'red' : 'orange',
      shortfallFen: unverified,
      figures: {
        reportedPaidFen: reported,
        transferredFen: num(row.transferred_fen),
        unverifiedFen: unverified,
        unverifiedShare: ratioText(unverified, reported),
        redAbove: t.bankUnverifiedRedShare,
        matchWindowDays: t.bankMatchWindowDays,
        payrollWorkers: num(row.payroll_rows),
        unverifiedWorkers: num(row.unverified_workers),
        workers: row.workers,
      },
    };
  },
});

/**
 * ACCOUNT_DIVERSION: succeeded transfers out of the project's wage accounts in P to
 * payees not enrolled on the project in any of the 12 periods ending with P; red above
 * bankDiversionRedShare of all those accounts' succeeded transfers in P. No shortfall:
 * the money left the account, but it measures misuse, not wages owed.
 */
export const ACCOUNT_DIVERSION = defineRule({
  code: 'ACCOUNT_DIVERSION',
  kind: 'period',
  joint: true,
  version: 1,
  titleZh: '专用账户资金支付非本项目人员',
  titleEn: 'Wage account paid people not on the project',
  thresholdKeys: ['bankDiversionRedShare'],
  gate: BANK_FEED_GATE,
  sql: `WITH ${SCOPE_CTE}, ${CODE_BOUNDS_CTE},
-- The wage-account check comes after the enrolment check: the planner cannot estimate
-- it (project and account hash correlate) and, applied first, it would plan the
-- enrolment check as one index probe per transfer instead of one hash of the workers.
tx_p AS MATERIALIZED (
  SELECT b.project_code, b.payee_id_hash, b.payee_id_masked, b.payee_name, b.amount_fen, b.account_number_hash
    FROM bank_transfers b
   WHERE b.project_code = ANY($1::text[]) AND b.status = 'succeeded'
     AND b.transferred_on BETWEEN $5::date AND least(${PERIOD_END}, $4::date)),
payees AS MATERIALIZED (
  SELECT x.project_code, x.payee_id_hash AS id_hash, max(x.payee_id_masked) AS id_masked, max(x.payee_name) AS payee_name,
         sum(x.amount_fen)::bigint AS transferred_fen
    FROM (SELECT * FROM tx_p t
           WHERE NOT EXISTS (SELECT 1 FROM ${SCOPE_WORKERS} w WHERE w.project_code = t.project_code AND w.id_hash = t.payee_id_hash
                                AND w.project_code = ANY($1::text[]) AND w.entered_on <= ${PERIOD_END}
                                AND (w.exited_on IS NULL OR w.exited_on >= ($5::date - interval '11 months')::date))
           OFFSET 0) x
   WHERE ${FROM_WAGE_ACCOUNT('x')}
   GROUP BY x.project_code, x.payee_id_hash),
totals AS (
  SELECT x.project_code, sum(x.amount_fen)::bigint AS transferred_fen
    FROM tx_p x WHERE x.project_code IN (SELECT project_code FROM payees) AND ${FROM_WAGE_ACCOUNT('x')} GROUP BY x.project_code),
hit AS (
  SELECT p.project_code, t.transferred_fen, sum(p.transferred_fen)::bigint AS diverted_fen, count(*)::int AS payees
    FROM payees p JOIN totals t USING (project_code) GROUP BY p.project_code, t.transferred_fen),
lists AS (
  SELECT r.project_code,
         jsonb_agg(jsonb_build_object('name', coalesce(w.name, r.payee_name), 'idMasked', r.id_masked, 'registered', w.name IS NOT NULL,
                                      'enteredOn', w.entered_on, 'exitedOn', w.exited_on, 'reportedFen', coalesce(rep.paid_fen, 0),
                                      'transferredFen', r.transferred_fen) ORDER BY r.rn) AS payees
    FROM (SELECT p.*, row_number() OVER (PARTITION BY p.project_code ORDER BY p.transferred_fen DESC, p.id_hash) AS rn FROM payees p) r
    LEFT JOIN LATERAL (SELECT w.name, w.entered_on, w.exited_on FROM workers w
                        WHERE w.project_code = r.project_code AND w.id_hash = r.id_hash LIMIT 1) w ON true
    LEFT JOIN LATERAL (SELECT sum(${PAID_AS_OF('pr')})::bigint AS paid_fen FROM payroll pr
                        WHERE pr.project_code = r.project_code AND pr.id_hash = r.id_hash AND pr.period = $5::date) rep ON true
   WHERE r.rn <= 20
   GROUP BY r.project_code)
-- The project's paid(P) as of D is the month summary's paid_fen (0 without a payroll row).
SELECT hit.*, coalesce(pp.paid_fen, 0)::bigint AS reported_paid_fen, lists.payees AS payee_list
  FROM hit LEFT JOIN lists USING (project_code)
  LEFT JOIN ${PERIOD_PROJECTS} pp USING (project_code)`,
  decide(row, t) {
    const total = num(row.transferred_fen);
    const diverted = num(row.diverted_fen);
    if (diverted <= 0) return null;
    return {
      severity: shareAbove(diverted, total, t.bankDiversionRedShare) ? 'red' : 'orange',
      shortfallFen: 0,
      figures: {
        reportedPaidFen: num(row.reported_paid_fen),
        transferredFen: total,
        divertedFen: diverted,
        divertedShare: ratioText(diverted, total),
        redAbove: t.bankDiversionRedShare,
        payeesConcerned: num(row.payees),
        payees: row.payee_list,
      },
    };
  },
});

/** The rules of this file, in catalogue order (all-rules.ts gathers them). */
export const BANK_RULES = [PAYROLL_UNVERIFIED, ACCOUNT_DIVERSION] as const;
