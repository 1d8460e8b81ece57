import type { Principal } from '@wage/auth';
import { clueScopeSql } from '../clue-scope';

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
       FROM clue_cases cc JOIN clues c ON c.clue_id = cc.clue_id
      WHERE c.project_code = $1 AND (${scope.sql}) ORDER BY c.received_on DESC, cc.clue_id`,
    [projectCode, ...scope.params],
  )) as RelatedClue[];
}
