import { Principal, Role } from '@wage/auth';

/**
 * Which alerts a caller may see, as one SQL condition on the `alerts` row (workflow.md
 * "Who uses the service"). Every alert query (list, detail, totals, actions, claim) ANDs
 * this condition in, so scope is enforced by the database query itself: a row outside
 * the scope is simply not found (404 for one alert, absent from lists and totals).
 *
 *   admin, auditor   everything
 *   inspector        alerts routed to their own unit
 *   brigade_lead     alerts of their brigade and of the teams whose parent is the brigade
 *   bureau_officer   alerts on a joint notice addressed to their bureau
 *   submitter        nothing
 */
export interface AlertScopeSql {
  /** Condition on the alerts alias; never empty ("TRUE" / "FALSE" at the extremes). */
  sql: string;
  params: unknown[];
}

/** Roles that see every alert. */
const SEE_ALL: readonly Role[] = [Role.Admin, Role.Auditor];

/**
 * The scope condition with positional parameters starting at `$firstParam`
 * (for `manager.query`). `alias` is the alerts table alias in the query.
 */
export function alertScopeSql(principal: Principal, alias: string, firstParam: number): AlertScopeSql {
  const p = `$${firstParam}`;
  if (principal.kind !== 'user') return { sql: 'FALSE', params: [] };
  if (SEE_ALL.includes(principal.role)) return { sql: 'TRUE', params: [] };
  switch (principal.role) {
    case Role.Inspector:
      if (!principal.unitCode) return { sql: 'FALSE', params: [] };
      return { sql: `${alias}.unit_code = ${p}`, params: [principal.unitCode] };
    case Role.BrigadeLead:
      if (!principal.unitCode) return { sql: 'FALSE', params: [] };
      return {
        sql: `(${alias}.unit_code = ${p} OR ${alias}.unit_code IN (SELECT iu.unit_code FROM inspection_units iu WHERE iu.parent_unit_code = ${p}))`,
        params: [principal.unitCode],
      };
    case Role.BureauOfficer:
      if (!principal.bureauCode) return { sql: 'FALSE', params: [] };
      return { sql: bureauCondition(alias, p), params: [principal.bureauCode] };
    default:
      return { sql: 'FALSE', params: [] };
  }
}

/**
 * The same condition with named parameters, for TypeORM query builders
 * (`qb.andWhere(s.sql, s.params)`). Parameter names are prefixed to avoid clashes.
 */
export function alertScopeWhere(principal: Principal, alias: string): { sql: string; params: Record<string, unknown> } {
  const positional = alertScopeSql(principal, alias, 1);
  const params: Record<string, unknown> = {};
  const sql = positional.sql.replace(/\$(\d+)/g, (_m, n: string) => {
    params[`scope_${n}`] = positional.params[Number(n) - 1];
    return `:scope_${n}`;
  });
  return { sql, params };
}

/** Bureau officers must always get personal data masked, whatever their flag says. */
export function mayReadUnmasked(principal: Principal): boolean {
  return principal.kind === 'user' && principal.canUnmask && principal.role !== Role.BureauOfficer;
}

/** Alerts on a joint notice addressed to the bureau (tables of libs/notices). */
function bureauCondition(alias: string, param: string): string {
  return `EXISTS (SELECT 1 FROM notice_items bni JOIN notices bn ON bn.id = bni.notice_id
                   WHERE bni.alert_id = ${alias}.id AND bn.bureau_code = ${param})`;
}
