import { Principal } from '@wage/auth';
import { callerScope, named, ScopeSql } from './caller-scope';

/**
 * Which alerts a caller may see, as one SQL condition on the `alerts` row. Kept as the
 * stable entry point other libraries call; the rules themselves live in CallerScope
 * (./caller-scope.ts), together with the project, notice and notice-item scopes.
 */
export type AlertScopeSql = ScopeSql;

/**
 * The scope condition with positional parameters starting at `$firstParam`
 * (for `manager.query`). `alias` is the alerts table alias in the query.
 */
export function alertScopeSql(principal: Principal, alias: string, firstParam: number): AlertScopeSql {
  return callerScope(principal).alerts(alias, firstParam);
}

/**
 * The same condition with named parameters, for TypeORM query builders
 * (`qb.andWhere(s.sql, s.params)`). Parameter names are prefixed to avoid clashes.
 */
export function alertScopeWhere(principal: Principal, alias: string): { sql: string; params: Record<string, unknown> } {
  return named(alertScopeSql(principal, alias, 1));
}

/** Bureau officers must always get personal data masked, whatever their flag says. */
export function mayReadUnmasked(principal: Principal): boolean {
  return callerScope(principal).mayReadUnmasked;
}
