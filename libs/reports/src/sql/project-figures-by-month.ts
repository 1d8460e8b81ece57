import type { Snapshot } from '../report-window';
import { FigureQuery } from './figure-query';
import { applyProjectRow, PROJECT_PLACE, projectsInScope } from './projects-in-scope';
import { ReportQuery, SqlContext } from './sql-context';

/** Index (1-based) of the first snapshot date on or after the date `x` (n + 1: none); needs `ds`. */
const firstOnOrAfter = (x: string): string => `(width_bucket(${x} - 1, ds.dates) + 1)`;

/**
 * Kinds of step (the `kind` column of `steps`): each is a figure that a project starts
 * (+1) or stops (−1) counting towards at a snapshot date.
 */
const KIND = { projects: 1, noticeBoard: 2, accountNeeded: 3, accountOpened: 4, depositNeeded: 5, realName: 6, depositLodged: 7 } as const;

/**
 * projectFigures at the end of each month (the rules are those of projectFigures), without
 * pairing every project with every month end: each figure a project counts towards is a
 * span of month ends (from the first one on or after the day the contract was signed, the
 * grace days passed, the account opened …; for the roster and the deposits, the spans in
 * which ≥ 1 worker was enrolled or enough deposit was held), so each table is read once
 * and turned into steps (+1 where a span starts, −1 after it ends), and the figures at the
 * k-th month end are the running sum of the steps up to k. The roster and the deposits
 * become steps the same way: +1 / +amount on the first date a worker or a deposit covers,
 * −1 / −amount after the last, summed per project, running sums per project, and the
 * dates where the sum is > 0 (workers) or ≥ the share owed (deposits) are the spans.
 * Payroll is summed per month end, for the projects monitored on it.
 */
export function projectFiguresByMonth(q: ReportQuery, snaps: Snapshot[]): FigureQuery {
  const c = new SqlContext(q);
  const inScope = (col: string): string => (c.narrowed ? `AND ${col} IN (SELECT pu.project_code FROM pu)` : '');
  const sql = `
    WITH ${projectsInScope(c)}, s AS (
      SELECT s.month, s.d, (date_trunc('month', (s.d + 1)::timestamp) - interval '1 month')::date AS pay_period,
             row_number() OVER (ORDER BY s.d)::int AS i
        FROM ${c.snapshotSource(snaps, 's')}
    ), ds AS (
      SELECT array_agg(s.d ORDER BY s.d) AS dates, count(*)::int AS n FROM s
    ), pi AS MATERIALIZED (
      -- each project's first date of each span that starts once (NULL: never)
      SELECT pu.project_code, pu.deposit_due_fen, x.i_signed,
             CASE WHEN pu.notice_board_posted THEN x.i_signed END AS i_notice_board,
             CASE WHEN pu.account_rule_applies THEN greatest(x.i_signed, ${firstOnOrAfter('pu.contract_signed_on + pu.account_grace')}) END AS i_account_needed,
             CASE WHEN pu.account_rule_applies AND pu.account_opened_on IS NOT NULL
                  THEN greatest(x.i_signed, ${firstOnOrAfter('pu.contract_signed_on + pu.account_grace')}, ${firstOnOrAfter('pu.account_opened_on')}) END AS i_account_opened,
             CASE WHEN pu.deposit_rule_applies THEN greatest(x.i_signed, ${firstOnOrAfter('pu.contract_signed_on + pu.deposit_grace')}) END AS i_deposit_needed
        FROM pu CROSS JOIN ds CROSS JOIN LATERAL (SELECT ${firstOnOrAfter('pu.contract_signed_on')} AS i_signed) x
    ), worker_spans AS (
      -- a worker covers the dates from the first on or after entered_on to the last on or
      -- before exited_on (until_i: the first date after; NULL: no end); workers with the same
      -- span count once (whether ≥ 1 worker is enrolled is all that is asked)
      SELECT w.project_code, ${firstOnOrAfter('w.entered_on')} AS i, width_bucket(w.exited_on, ds.dates) + 1 AS until_i
        FROM workers w CROSS JOIN ds
       WHERE w.entered_on <= ds.dates[ds.n] AND (w.exited_on IS NULL OR w.exited_on >= w.entered_on)
             ${inScope('w.project_code')}
       GROUP BY 1, 2, 3
    ), worker_steps AS (
      SELECT st.project_code, st.i, sum(st.delta) AS delta
        FROM (SELECT project_code, i, 1 AS delta FROM worker_spans
              UNION ALL
              SELECT project_code, until_i, -1 FROM worker_spans CROSS JOIN ds WHERE until_i <= ds.n) st
       GROUP BY 1, 2
    ), enrolled AS (
      SELECT st.project_code, st.i, coalesce(lead(st.i) OVER w, ds.n + 1) AS until_i, sum(st.delta) OVER w AS workers
        FROM worker_steps st CROSS JOIN ds
      WINDOW w AS (PARTITION BY st.project_code ORDER BY st.i)
    ), deposit_steps AS (
      -- a deposit covers valid_from … valid_until inclusive; every project holds 0 on date 1
      SELECT st.project_code, st.i, sum(st.delta) AS delta
        FROM (SELECT x.project_code, ${firstOnOrAfter('x.valid_from')} AS i, x.amount_fen AS delta
                FROM deposits x CROSS JOIN ds
               WHERE (x.valid_until IS NULL OR x.valid_until >= x.valid_from) ${inScope('x.project_code')}
              UNION ALL
              SELECT x.project_code, width_bucket(x.valid_until, ds.dates) + 1, -x.amount_fen
                FROM deposits x CROSS JOIN ds
               WHERE x.valid_until >= x.valid_from ${inScope('x.project_code')}
              UNION ALL
              SELECT pi.project_code, 1, 0 FROM pi) st
       GROUP BY 1, 2
    ), deposit_levels AS (
      SELECT st.project_code, st.i, coalesce(lead(st.i) OVER w, ds.n + 1) AS until_i, sum(st.delta) OVER w AS held_fen
        FROM deposit_steps st CROSS JOIN ds
      WINDOW w AS (PARTITION BY st.project_code ORDER BY st.i)
    ), steps AS (
      SELECT x.i, x.kind, 1 AS delta
        FROM pi CROSS JOIN LATERAL (VALUES (pi.i_signed, ${KIND.projects}), (pi.i_notice_board, ${KIND.noticeBoard}),
                                           (pi.i_account_needed, ${KIND.accountNeeded}), (pi.i_account_opened, ${KIND.accountOpened}),
                                           (pi.i_deposit_needed, ${KIND.depositNeeded})) x(i, kind)
       WHERE x.i IS NOT NULL
      UNION ALL
      -- spans with a worker, from the signing on
      SELECT x.i, ${KIND.realName}, x.delta
        FROM enrolled e JOIN pi ON pi.project_code = e.project_code
        CROSS JOIN LATERAL (VALUES (greatest(e.i, pi.i_signed), 1), (e.until_i, -1)) x(i, delta)
       WHERE e.workers > 0 AND greatest(e.i, pi.i_signed) < e.until_i
      UNION ALL
      -- spans with enough deposit, from the day one is needed on
      SELECT x.i, ${KIND.depositLodged}, x.delta
        FROM deposit_levels l JOIN pi ON pi.project_code = l.project_code
        CROSS JOIN LATERAL (VALUES (greatest(l.i, pi.i_deposit_needed), 1), (l.until_i, -1)) x(i, delta)
       WHERE pi.i_deposit_needed IS NOT NULL AND l.held_fen >= pi.deposit_due_fen AND greatest(l.i, pi.i_deposit_needed) < l.until_i
    ), at_date AS (
      SELECT st.i,
             sum(st.delta) FILTER (WHERE st.kind = ${KIND.projects}) AS projects,
             sum(st.delta) FILTER (WHERE st.kind = ${KIND.realName}) AS real_name,
             sum(st.delta) FILTER (WHERE st.kind = ${KIND.accountNeeded}) AS account_needed,
             sum(st.delta) FILTER (WHERE st.kind = ${KIND.accountOpened}) AS account_opened,
             sum(st.delta) FILTER (WHERE st.kind = ${KIND.depositNeeded}) AS deposit_needed,
             sum(st.delta) FILTER (WHERE st.kind = ${KIND.depositLodged}) AS deposit_lodged,
             sum(st.delta) FILTER (WHERE st.kind = ${KIND.noticeBoard}) AS notice_board
        FROM steps st GROUP BY 1
    ), pay_by_project AS MATERIALIZED (
      -- materialized: summed by one hash aggregate (the planner would otherwise sort the
      -- whole pay period to merge it with the projects)
      SELECT pr.project_code, s.i, sum(pr.paid_fen) AS paid_fen,
             sum(pr.paid_fen) FILTER (WHERE pr.paid_via = 'dedicated_account') AS via_account_fen
        FROM payroll pr JOIN s ON pr.period = s.pay_period AND pr.paid_on <= s.d
       ${c.narrowed ? 'WHERE pr.project_code IN (SELECT pu.project_code FROM pu)' : ''}
       GROUP BY 1, 2
    ), pay AS (
      -- kept for the dates a project is monitored on
      SELECT pr.i, sum(pr.paid_fen) AS paid_fen, sum(pr.via_account_fen) AS via_account_fen
        FROM pay_by_project pr JOIN pi ON pi.project_code = pr.project_code AND pi.i_signed <= pr.i
       GROUP BY 1
    )
    SELECT ${c.key(PROJECT_PLACE)} AS key,
           coalesce(sum(a.projects) OVER o, 0)::int AS projects, coalesce(sum(a.real_name) OVER o, 0)::int AS real_name,
           coalesce(sum(a.account_needed) OVER o, 0)::int AS account_needed, coalesce(sum(a.account_opened) OVER o, 0)::int AS account_opened,
           coalesce(sum(a.deposit_needed) OVER o, 0)::int AS deposit_needed, coalesce(sum(a.deposit_lodged) OVER o, 0)::int AS deposit_lodged,
           coalesce(sum(a.notice_board) OVER o, 0)::int AS notice_board,
           pay.paid_fen::text AS paid_fen, pay.via_account_fen::text AS via_account_fen
      FROM s LEFT JOIN at_date a ON a.i = s.i LEFT JOIN pay ON pay.i = s.i
    WINDOW o AS (ORDER BY s.i)`;
  return { name: 'projects and coverage', sql, params: c.params, apply: applyProjectRow };
}
