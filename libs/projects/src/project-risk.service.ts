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
    await manager.query(
      `WITH scope AS (SELECT DISTINCT project_code FROM (${projectsSql}) src),
            active AS (SELECT a.id, a.project_code, a.severity, a.period, a.shortfall_fen
                         FROM alerts a JOIN scope USING (project_code)
                        WHERE a.status IN ${ACTIVE_STATUSES_SQL}),
            -- Several rules can report the same unpaid wages of one month (PAY_RATIO_LOW,
            -- UNPAID_WORKERS, EXIT_UNSETTLED…): count the largest figure per period once.
            owed AS (SELECT project_code, sum(per_period) AS shortfall_fen
                       FROM (SELECT project_code, period, max(shortfall_fen) AS per_period
                               FROM active GROUP BY project_code, period) x
                      GROUP BY project_code)
       INSERT INTO project_risk AS r (project_code, risk_level, risk_score, shortfall_fen, open_alerts, updated_at)
       SELECT s.project_code,
              ${severityOfRankSql(`min(${severityRankSql('a')})`)},
              LEAST(100, coalesce(sum(CASE a.severity WHEN 'red' THEN 40 WHEN 'orange' THEN 20 WHEN 'yellow' THEN 5 ELSE 0 END), 0)),
              coalesce(o.shortfall_fen, 0), count(a.id), now()
         FROM scope s
         LEFT JOIN active a ON a.project_code = s.project_code
         LEFT JOIN owed o ON o.project_code = s.project_code
        GROUP BY s.project_code, o.shortfall_fen
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
