import { Principal, Role } from '@wage/auth';
import { alertScopeSql, AlertScopeSql } from './alert-scope';

/**
 * Which clue cases a caller may see (clues.md: "Access is that of alerts"), as one SQL
 * condition on a `clue_cases` row (it has `unit_code` like alerts): inspectors their
 * unit, brigade leads their brigade and its teams, admins and auditors all — the alert
 * scope itself — and bureau officers and submitters none (clues are not on notices).
 */
export function clueScopeSql(principal: Principal, alias: string, firstParam: number): AlertScopeSql {
  if (principal.kind !== 'user' || principal.role === Role.BureauOfficer || principal.role === Role.Submitter) {
    return { sql: 'FALSE', params: [] };
  }
  return alertScopeSql(principal, alias, firstParam);
}
