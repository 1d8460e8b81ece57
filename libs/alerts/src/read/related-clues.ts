import type { Principal } from '@wage/auth';
import { clueScopeSql } from '../clue-scope';
import { isoSql } from './iso-sql';

/** A clue case naming a project, as listed on the project page and on its alerts. */
export interface RelatedClue {
  clueId: string;
  receivedOn: string;
  source: string;
  workersInvolved: number;
  status: string;
  outcome: string | null;
  unitCode: string | null;
  nextDeadline: Date | null;
}

interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

const FROM = `clue_cases cc JOIN clues c ON c.clue_id = cc.clue_id`;
const ORDER = `c.received_on DESC, cc.clue_id`;

/**
 * The clue cases naming `projectCode` that the caller may see (clues.md "Links"), newest
 * first. Tables of libs/clues, read by SQL as the notices are: the link never makes
 * alerts depend on the clue workflow (nor the reverse).
 */
export async function relatedClues(db: Queryable, projectCode: string, principal: Principal): Promise<RelatedClue[]> {
  const scope = clueScopeSql(principal, 'cc', 2);
  return (await db.query(
    `SELECT cc.clue_id AS "clueId", c.received_on AS "receivedOn", c.source, c.workers_involved AS "workersInvolved", cc.status,
            cc.outcome, cc.unit_code AS "unitCode", cc.next_due_at AS "nextDeadline"
       FROM ${FROM} WHERE c.project_code = $1 AND (${scope.sql}) ORDER BY ${ORDER}`,
    [projectCode, ...scope.params],
  )) as RelatedClue[];
}

/**
 * relatedClues() as a scalar subquery giving the same list as one JSON array, for a
 * statement that already has the project (`projectSql`, e.g. a column of its own row):
 * the alert detail reads it in the same statement as the alert (alert-detail-one-statement.md).
 * The scope's values are positional from `firstParam`.
 */
export function relatedCluesJsonSql(projectSql: string, principal: Principal, firstParam: number): { sql: string; params: unknown[] } {
  const scope = clueScopeSql(principal, 'cc', firstParam);
  return {
    sql: `(SELECT coalesce(json_agg(json_build_object('clueId', cc.clue_id, 'receivedOn', c.received_on, 'source', c.source,
              'workersInvolved', c.workers_involved, 'status', cc.status, 'outcome', cc.outcome, 'unitCode', cc.unit_code,
              'nextDeadline', ${isoSql('cc.next_due_at')}) ORDER BY ${ORDER}), '[]')
             FROM ${FROM} WHERE c.project_code = ${projectSql} AND (${scope.sql}))`,
    params: scope.params,
  };
}
