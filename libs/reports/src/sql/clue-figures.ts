/**
 * CLUE FIGURES — the only file of the reports library that knows the clue-case tables
 * (libs/clues, migration ClueCases; columns in libs/clues/README.md "Tables (for reports)").
 *
 *   clues        (dataset)  clue_id, received_on, region_code, …
 *   clue_cases   one row per clue (created by a trigger on `clues`):
 *                status, unit_code (NULL = unrouted), outcome (`duplicate` after a merge),
 *                recovered_fen / workers_paid of the current reply, closed_at (approval or merge),
 *                first_review (`approved` / `returned`) and first_reviewed_at.
 *
 * Figures:
 *   cluesReceived  clues with received_on in the range (placed by the case's unit, the clue's region, the month received)
 *   cluesClosed    of those, closed_at before the end of `to` (a merged duplicate is 办结 too: it needs no more work)
 *   wages / workers  recovered_fen and workers_paid of cases closed in the range, by the month closed: only an
 *                  approved reply counts, so a returned and re-done reply is not counted twice
 *   first reviews  cases whose first review (first_reviewed_at) falls in the range, by its month;
 *                  passed = first_review = 'approved' (审核通过率 = passed ÷ first reviews)
 */
import { FigureQuery, fen, int } from './figure-query';
import { RecordPlace, ReportQuery, SqlContext } from './sql-context';

export const CLUE_CASE_TABLE = 'clue_cases';

const PLACE: RecordPlace = { unit: 'f.unit_code', region: 'f.region_code', month: 'f.month' };

export function clueFigures(q: ReportQuery): FigureQuery {
  const c = new SqlContext(q);
  const start = c.start;
  const end = c.end;
  const from = c.p(q.window.from);
  const to = c.p(q.window.to);
  const sql = `
    WITH j AS (
      -- each case joined to its clue once, for the three kinds of figure
      SELECT cc.unit_code, k.region_code, k.received_on, cc.closed_at, cc.recovered_fen, cc.workers_paid,
             cc.first_review, cc.first_reviewed_at,
             k.received_on >= ${from}::date AND k.received_on <= ${to}::date AS received,
             cc.status = 'closed' AND cc.closed_at >= ${start} AND cc.closed_at < ${end} AS closed,
             cc.first_review IS NOT NULL AND cc.first_reviewed_at >= ${start} AND cc.first_reviewed_at < ${end} AS reviewed
        FROM clues k JOIN ${CLUE_CASE_TABLE} cc ON cc.clue_id = k.clue_id
       WHERE (k.received_on >= ${from}::date AND k.received_on <= ${to}::date)
          OR (cc.status = 'closed' AND cc.closed_at >= ${start} AND cc.closed_at < ${end})
          OR (cc.first_review IS NOT NULL AND cc.first_reviewed_at >= ${start} AND cc.first_reviewed_at < ${end})
    ), f AS (
      SELECT 'received' AS kind, j.unit_code, j.region_code, ${c.monthOfDay('j.received_on')} AS month,
             (j.closed_at < ${end}) AS flag, NULL::bigint AS recovered_fen, NULL::int AS workers_paid
        FROM j WHERE j.received
      UNION ALL
      SELECT 'closed', j.unit_code, j.region_code, ${c.monthOfInstant('j.closed_at')}, true, j.recovered_fen, j.workers_paid
        FROM j WHERE j.closed
      UNION ALL
      SELECT 'first_review', j.unit_code, j.region_code, ${c.monthOfInstant('j.first_reviewed_at')}, j.first_review = 'approved', NULL, NULL
        FROM j WHERE j.reviewed
    )
    SELECT ${c.key(PLACE)} AS key, f.kind, count(*)::int AS n, count(*) FILTER (WHERE f.flag)::int AS flagged,
           sum(f.recovered_fen)::text AS recovered_fen, sum(f.workers_paid)::int AS workers_paid
      FROM f
     WHERE ${c.where('f', PLACE)}
     GROUP BY 1, 2`;
  return {
    name: 'clue cases',
    sql,
    params: c.params,
    apply(row, parts) {
      if (row.kind === 'received') {
        parts.cluesReceived += int(row.n);
        parts.cluesClosed += int(row.flagged);
      } else if (row.kind === 'closed') {
        parts.recoveredFen += fen(row.recovered_fen);
        parts.workersPaid += int(row.workers_paid);
      } else {
        parts.clueFirstReviews += int(row.n);
        parts.clueFirstReviewsPassed += int(row.flagged);
      }
    },
  };
}
