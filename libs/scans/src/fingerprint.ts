/** Alert identity (rules.md): `project|RULE|YYYY-MM` for period rules, `project|RULE` for state rules. */
export function fingerprintOf(projectCode: string, rule: string, period: string | null): string {
  return period ? `${projectCode}|${rule}|${period.slice(0, 7)}` : `${projectCode}|${rule}`;
}

/** The same in SQL, over columns project_code, rule, period of the given alias. */
export const FINGERPRINT_SQL = (alias: string): string =>
  `${alias}.project_code || '|' || ${alias}.rule || coalesce('|' || to_char(${alias}.period, 'YYYY-MM'), '')`;
