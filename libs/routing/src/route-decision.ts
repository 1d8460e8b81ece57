import { SEVERITY_RANK, Severity } from '@wage/alerts';

/** An inspection unit as routing needs it. */
export interface RoutingUnit {
  unitCode: string;
  kind: string;
  regionCode: string;
  streetCodes: string[];
}

export interface RoutingOverrideRule {
  id: number;
  position: number;
  regionPrefix: string | null;
  industry: string | null;
  rule: string | null;
  minSeverity: string | null;
  unitCode: string;
}

export interface RoutableAlert {
  projectCode: string;
  rule: string;
  severity: Severity;
  /** null when the project is not (or no longer) in `projects`. */
  project: { regionCode: string; streetCode: string | null; industry: string } | null;
}

export interface RouteDecision {
  /** null = the unrouted queue. */
  unitCode: string | null;
  reason: string;
}

const byCode = (a: RoutingUnit, b: RoutingUnit): number => (a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : 0);

/**
 * workflow.md "Routing": overrides first (first match wins), then the street team whose
 * street codes contain the project's street, the brigade of the region, of the city
 * (first 4 digits + "00"), of the province (first 2 + "0000"), else the unrouted queue
 * with the reason. Pure: built once from the reference data, then asked per alert.
 * Ties (two teams listing one street) go to the lowest unit code, so it is deterministic.
 */
export class RoutingTable {
  private readonly teamByStreet = new Map<string, string>();
  private readonly brigadeByRegion = new Map<string, string>();
  private readonly unitCodes = new Set<string>();
  private readonly overrides: RoutingOverrideRule[];

  constructor(units: RoutingUnit[], overrides: RoutingOverrideRule[]) {
    for (const u of [...units].sort(byCode)) {
      this.unitCodes.add(u.unitCode);
      if (u.kind === 'team') {
        for (const s of u.streetCodes) if (!this.teamByStreet.has(s)) this.teamByStreet.set(s, u.unitCode);
      } else if (u.kind === 'brigade' && !this.brigadeByRegion.has(u.regionCode)) {
        this.brigadeByRegion.set(u.regionCode, u.unitCode);
      }
    }
    this.overrides = [...overrides].sort((a, b) => a.position - b.position || a.id - b.id);
  }

  decide(alert: RoutableAlert): RouteDecision {
    const p = alert.project;
    const override = this.overrides.find((o) => this.overrideMatches(o, alert));
    if (override) return { unitCode: override.unitCode, reason: `override #${override.id} (position ${override.position})` };
    if (!p) return { unitCode: null, reason: `project ${alert.projectCode} is not in the projects data` };
    const team = p.streetCode ? this.teamByStreet.get(p.streetCode) : undefined;
    if (team) return { unitCode: team, reason: `street team of street ${p.streetCode}` };
    const region = p.regionCode;
    const steps: Array<[string, string]> = [
      [region, 'brigade of region'],
      [`${region.slice(0, 4)}00`, 'city brigade'],
      [`${region.slice(0, 2)}0000`, 'province brigade'],
    ];
    for (const [code, label] of steps) {
      const brigade = this.brigadeByRegion.get(code);
      if (brigade) return { unitCode: brigade, reason: `${label} ${code}` };
    }
    const street = p.streetCode ? `street ${p.streetCode}, ` : '';
    return { unitCode: null, reason: `no inspection unit covers ${street}region ${region} or its city/province` };
  }

  private overrideMatches(o: RoutingOverrideRule, alert: RoutableAlert): boolean {
    // An override pointing at a unit that no longer exists would lose the alert: skip it.
    if (!this.unitCodes.has(o.unitCode)) return false;
    const p = alert.project;
    if (o.regionPrefix && !(p && p.regionCode.startsWith(o.regionPrefix))) return false;
    if (o.industry && !(p && p.industry === o.industry)) return false;
    if (o.rule && o.rule !== alert.rule) return false;
    if (o.minSeverity && !(SEVERITY_RANK[alert.severity] <= SEVERITY_RANK[o.minSeverity as Severity])) return false;
    return true;
  }
}
