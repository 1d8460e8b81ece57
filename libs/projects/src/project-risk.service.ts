import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ACTIVE_STATUSES_SQL, severityOfRankSql, severityRankSql } from '@wage/alerts';

/**
 * Recomputes project_risk set-based from the active alerts (rules.md "Project risk").
 * Scans call it from finalize; the workflow calls it when an inspector resolves or
 * reopens alerts, inside the same transaction.
 */
@Injectable()
export class ProjectRiskService {
  /** `projectsSql` yields a column project_code (it may use $1 = `param`). */
  async recomputeWhere(manager: EntityManager, projectsSql: string, param: unknown): Promise<void> {
    // Only the projects whose figures moved are written: a nightly re-scan recomputes
    // every project of its scope and changes few, and an upsert of each would look up
    // and lock every project_risk row (most of the step's time at 100k projects).
    await manager.query(
      `WITH scope AS (SELECT DISTINCT project_code FROM (${projectsSql}) src),
            -- Several rules can report the same unpaid wages of one month (PAY_RATIO_LOW,
            -- UNPAID_WORKERS, EXIT_UNSETTLED…): count the largest figure per period once.
            per_period AS (
              SELECT a.project_code, min(${severityRankSql('a')}) AS severity_rank,
                     sum(CASE a.severity WHEN 'red' THEN 40 WHEN 'orange' THEN 20 WHEN 'yellow' THEN 5 ELSE 0 END) AS points,
                     max(a.shortfall_fen) AS shortfall_fen, count(*) AS n
                FROM alerts a JOIN scope USING (project_code)
               WHERE a.status IN ${ACTIVE_STATUSES_SQL}
               GROUP BY a.project_code, a.period),
            computed AS (
              SELECT s.project_code, ${severityOfRankSql('min(p.severity_rank)')} AS risk_level,
                     LEAST(100, coalesce(sum(p.points), 0))::int AS risk_score,
                     coalesce(sum(p.shortfall_fen), 0)::bigint AS shortfall_fen, coalesce(sum(p.n), 0)::int AS open_alerts
                FROM scope s LEFT JOIN per_period p USING (project_code)
               GROUP BY s.project_code)
       INSERT INTO project_risk AS r (project_code, risk_level, risk_score, shortfall_fen, open_alerts, updated_at)
       SELECT c.project_code, c.risk_level, c.risk_score, c.shortfall_fen, c.open_alerts, now()
         FROM computed c LEFT JOIN project_risk cur ON cur.project_code = c.project_code
        WHERE cur.project_code IS NULL
           OR (cur.risk_level, cur.risk_score, cur.shortfall_fen, cur.open_alerts)
              IS DISTINCT FROM (c.risk_level, c.risk_score, c.shortfall_fen, c.open_alerts)
       ON CONFLICT (project_code) DO UPDATE SET risk_level = EXCLUDED.risk_level, risk_score = EXCLUDED.risk_score,
              shortfall_fen = EXCLUDED.shortfall_fen, open_alerts = EXCLUDED.open_alerts, updated_at = now()
        WHERE (r.risk_level, r.risk_score, r.shortfall_fen, r.open_alerts)
              IS DISTINCT FROM (EXCLUDED.risk_level, EXCLUDED.risk_score, EXCLUDED.shortfall_fen, EXCLUDED.open_alerts)`,
      [param],
    );
  }

  /** For a handful of projects (e.g. after an inspector's action). */
  recompute(manager: EntityManager, projectCodes: string[]): Promise<void> {
    return this.recomputeWhere(manager, 'SELECT unnest($1::text[]) AS project_code', projectCodes);
  }
}
