import { Injectable } from '@nestjs/common';
import { AlertRouter, RouteDecision, RoutingTable, RoutingUnit } from '@wage/routing';
import { EntityManager } from 'typeorm';
import type { ClueStatus } from './clue-enums';

/** A group complaint (≥ 10 workers) is red in COMPLAINT_CLUSTER, so red overrides take it too. */
const GROUP_CASE_WORKERS = 10;

export interface ClueRoute extends RouteDecision {
  clueId: string;
  status: ClueStatus;
  previousUnitCode: string | null;
  /** The unit or the reason differs from what is stored. */
  changed: boolean;
}

interface CaseRow {
  clue_id: string;
  status: ClueStatus;
  unit_code: string | null;
  routing_reason: string | null;
  clue_region: string;
  project_code: string | null;
  workers_involved: number;
  region_code: string | null;
  street_code: string | null;
  industry: string | null;
}

/**
 * clues.md "Routing": a clue naming a known project routes as that project's alerts
 * (the alert RoutingTable, overrides included, as a COMPLAINT_CLUSTER finding); any
 * other clue goes to the brigade of its own region_code, then city, then province
 * (no overrides: they describe projects), else the unrouted queue.
 */
@Injectable()
export class ClueRouter {
  constructor(private readonly alerts: AlertRouter) {}

  /** Decides the unit of every given case (rows locked FOR UPDATE); writes nothing. */
  async decide(m: EntityManager, clueIds: string[]): Promise<ClueRoute[]> {
    if (clueIds.length === 0) return [];
    const rows: CaseRow[] = await m.query(
      `SELECT cc.clue_id, cc.status, cc.unit_code, cc.routing_reason, c.region_code AS clue_region, c.project_code,
              c.workers_involved, p.region_code, p.street_code, p.industry
         FROM clue_cases cc JOIN clues c ON c.clue_id = cc.clue_id LEFT JOIN projects p ON p.project_code = c.project_code
        WHERE cc.clue_id = ANY($1::varchar[]) ORDER BY cc.clue_id FOR UPDATE OF cc`,
      [clueIds],
    );
    const byProject = await this.alerts.loadTable(m);
    const units: RoutingUnit[] = await m.query(
      `SELECT unit_code AS "unitCode", kind, region_code AS "regionCode", street_codes AS "streetCodes" FROM inspection_units`,
    );
    const byRegion = new RoutingTable(units, []);
    return rows.map((r) => {
      const decision = this.decideOne(r, byProject, byRegion);
      const changed = decision.unitCode !== r.unit_code || decision.reason !== r.routing_reason;
      return { clueId: r.clue_id, status: r.status, previousUnitCode: r.unit_code, changed, ...decision };
    });
  }

  private decideOne(r: CaseRow, byProject: RoutingTable, byRegion: RoutingTable): RouteDecision {
    if (r.project_code && r.region_code) {
      const d = byProject.decide({
        projectCode: r.project_code,
        rule: 'COMPLAINT_CLUSTER',
        severity: r.workers_involved >= GROUP_CASE_WORKERS ? 'red' : 'yellow',
        project: { regionCode: r.region_code, streetCode: r.street_code, industry: r.industry ?? 'other' },
      });
      return { unitCode: d.unitCode, reason: `project ${r.project_code}: ${d.reason}` };
    }
    const d = byRegion.decide({
      projectCode: r.project_code ?? '',
      rule: 'COMPLAINT_CLUSTER',
      severity: 'yellow',
      project: { regionCode: r.clue_region, streetCode: null, industry: 'other' },
    });
    const why = r.project_code ? `project ${r.project_code} is not in the projects data` : 'no project named';
    return { unitCode: d.unitCode, reason: `${why}; by the clue's region: ${d.reason}` };
  }
}
