import { Principal, Role } from '@wage/auth';

/** A SQL condition with positional parameters ($n), never empty ("TRUE" / "FALSE" at the extremes). */
export interface ScopeSql {
  sql: string;
  params: unknown[];
}

/** The same with named parameters, for TypeORM query builders and escapeQueryWithParameters. */
export interface NamedScopeSql {
  sql: string;
  params: Record<string, unknown>;
}

const ALL: ScopeSql = { sql: 'TRUE', params: [] };
const NONE: ScopeSql = { sql: 'FALSE', params: [] };

/**
 * What one caller may see, in ONE place (workflow.md "Who uses the service"). Every
 * query that returns alerts, projects, notices, notice items, documents or counts ANDs
 * one of these conditions in, so a row outside the scope is simply not found (404 for a
 * detail, absent from lists and totals):
 *
 *   admin, auditor   everything
 *   inspector        alerts routed to their unit; projects on the unit's streets (a
 *                    brigade: its region) or with an alert routed to the unit
 *   brigade_lead     the same for the brigade and every team whose parent it is
 *   bureau_officer   notices addressed to their bureau, their items and alerts
 *   submitter        nothing here (its imports are scoped by ownership in ingest)
 *
 * Conditions take the table alias and the number of the first positional parameter.
 */
export class CallerScope {
  constructor(readonly principal: Principal) {}

  /** Admins and auditors (users, never keys). */
  get seesAll(): boolean {
    return this.principal.kind === 'user' && (this.principal.role === Role.Admin || this.principal.role === Role.Auditor);
  }

  /** Personal data in full: needs can_unmask; never bureau officers or keys. */
  get mayReadUnmasked(): boolean {
    const p = this.principal;
    return p.kind === 'user' && p.canUnmask && p.role !== Role.BureauOfficer;
  }

  /** A project's worker roster: the labour side only (not bureau officers, not keys). */
  get maySeeRoster(): boolean {
    return this.principal.kind === 'user' && this.principal.role !== Role.BureauOfficer && this.principal.role !== Role.Submitter;
  }

  /** Inspectors' internal comments on alerts: not for bureau officers. */
  get maySeeInternalComments(): boolean {
    return this.maySeeRoster;
  }

  /** Condition on an `alerts` row. */
  alerts(alias: string, firstParam: number): ScopeSql {
    const p = this.principal;
    const $ = `$${firstParam}`;
    if (p.kind !== 'user') return NONE;
    if (this.seesAll) return ALL;
    switch (p.role) {
      case Role.Inspector:
        return p.unitCode ? { sql: `${alias}.unit_code = ${$}`, params: [p.unitCode] } : NONE;
      case Role.BrigadeLead:
        return p.unitCode
          ? {
              sql: `(${alias}.unit_code = ${$} OR ${alias}.unit_code IN (SELECT iu.unit_code FROM inspection_units iu WHERE iu.parent_unit_code = ${$}))`,
              params: [p.unitCode],
            }
          : NONE;
      case Role.BureauOfficer:
        return p.bureauCode
          ? {
              sql: `EXISTS (SELECT 1 FROM notice_items bni JOIN notices bn ON bn.id = bni.notice_id
                             WHERE bni.alert_id = ${alias}.id AND bn.bureau_code = ${$})`,
              params: [p.bureauCode],
            }
          : NONE;
      default:
        return NONE;
    }
  }

  /**
   * Condition on a `projects` row (needs project_code, street_code, region_code): the
   * unit's territory (a team's streets; a brigade's region), or a project with an alert
   * the caller may see (overrides and city/province fallbacks route outside territory).
   */
  projects(alias: string, firstParam: number): ScopeSql {
    const p = this.principal;
    if (p.kind !== 'user') return NONE;
    if (this.seesAll) return ALL;
    const withAlert = (first: number): ScopeSql => {
      const a = this.alerts('spa', first);
      return a.sql === 'FALSE'
        ? NONE
        : { sql: `EXISTS (SELECT 1 FROM alerts spa WHERE spa.project_code = ${alias}.project_code AND ${a.sql})`, params: a.params };
    };
    if ((p.role === Role.Inspector || p.role === Role.BrigadeLead) && p.unitCode) {
      const $ = `$${firstParam}`;
      const units = p.role === Role.BrigadeLead ? `(su.unit_code = ${$} OR su.parent_unit_code = ${$})` : `su.unit_code = ${$}`;
      const routed = withAlert(firstParam + 1);
      return {
        sql: `(EXISTS (SELECT 1 FROM inspection_units su WHERE ${units}
                        AND (${alias}.street_code = ANY(su.street_codes) OR (su.kind = 'brigade' AND su.region_code = ${alias}.region_code)))
               OR ${routed.sql})`,
        params: [p.unitCode, ...routed.params],
      };
    }
    // Bureau officers: the projects on their notices (exactly the alert condition).
    return withAlert(firstParam);
  }

  /**
   * Condition on a `clue_cases` row (clues.md: "Access is that of alerts"; it has
   * `unit_code` like alerts): the alert condition, except that bureau officers and
   * submitters see no clues (clues are not on notices).
   */
  clues(alias: string, firstParam: number): ScopeSql {
    const p = this.principal;
    if (p.kind !== 'user' || p.role === Role.BureauOfficer || p.role === Role.Submitter) return NONE;
    return this.alerts(alias, firstParam);
  }

  /** Condition on a `notices` row. */
  notices(alias: string, firstParam: number): ScopeSql {
    const p = this.principal;
    if (p.kind !== 'user') return NONE;
    if (this.seesAll) return ALL;
    if (p.role === Role.BureauOfficer) return p.bureauCode ? { sql: `${alias}.bureau_code = $${firstParam}`, params: [p.bureauCode] } : NONE;
    const items = this.noticeItems('sni', firstParam);
    if (items.sql === 'FALSE') return NONE;
    return { sql: `EXISTS (SELECT 1 FROM notice_items sni WHERE sni.notice_id = ${alias}.id AND ${items.sql})`, params: items.params };
  }

  /**
   * Condition on a `notice_items` row of a notice already in scope: an inspector admitted
   * to a notice by one of its items sees only the items of alerts in their scope; the
   * addressed bureau sees the whole notice.
   */
  noticeItems(alias: string, firstParam: number): ScopeSql {
    const p = this.principal;
    if (p.kind !== 'user') return NONE;
    if (this.seesAll || p.role === Role.BureauOfficer) return ALL;
    const alerts = this.alerts('sia', firstParam);
    if (alerts.sql === 'FALSE') return NONE;
    return { sql: `${alias}.alert_id IN (SELECT sia.id FROM alerts sia WHERE ${alerts.sql})`, params: alerts.params };
  }
}

/** The scope of one caller. */
export function callerScope(principal: Principal): CallerScope {
  return new CallerScope(principal);
}

/**
 * Positional → named parameters (`:scope_<prefix>_<n>`), so a scope condition can be
 * ANDed into a query that names its own parameters.
 */
export function named(s: ScopeSql, prefix = 'scope'): NamedScopeSql {
  const params: Record<string, unknown> = {};
  const sql = s.sql.replace(/\$(\d+)/g, (_m, n: string) => {
    params[`${prefix}_${n}`] = s.params[Number(n) - 1];
    return `:${prefix}_${n}`;
  });
  return { sql, params };
}
