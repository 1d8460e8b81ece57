/** An active alert's identity as the shard planner needs it. */
export interface OpenAlertKey {
  projectCode: string;
  rule: string;
  /** 'YYYY-MM-DD' or null for state rules. */
  period: string | null;
}

/** One evaluated (project, period) with the rules looked at; period null = state rules. */
export interface ScopeRow {
  projectCode: string;
  period: string | null;
  rules: string[];
}

/** One engine call: these projects, this period (null = state rules only), these rules. */
export interface ReevaluationGroup {
  period: string | null;
  projectCodes: string[];
  rules: string[];
}

/**
 * Which open alerts the main evaluation (active projects, period P, all rules) does not
 * cover, grouped into engine calls by period. Pure and deterministic (sorted output):
 * state alerts of inactive projects, and period alerts of other periods or inactive projects.
 */
export function planReevaluation(
  mainProjects: string[],
  period: string,
  openAlerts: OpenAlertKey[],
): { groups: ReevaluationGroup[]; scope: ScopeRow[] } {
  const main = new Set(mainProjects);
  const byKey = new Map<string, ScopeRow>();
  for (const a of openAlerts) {
    if (main.has(a.projectCode) && (a.period === null || a.period === period)) continue;
    const key = `${a.projectCode}|${a.period ?? ''}`;
    const row = byKey.get(key) ?? { projectCode: a.projectCode, period: a.period, rules: [] };
    if (!row.rules.includes(a.rule)) row.rules.push(a.rule);
    byKey.set(key, row);
  }
  const scope = [...byKey.values()].map((r) => ({ ...r, rules: [...r.rules].sort() }));
  scope.sort((x, y) => (x.period ?? '').localeCompare(y.period ?? '') || x.projectCode.localeCompare(y.projectCode));

  const groups = new Map<string, ReevaluationGroup>();
  for (const row of scope) {
    const key = row.period ?? '';
    const g = groups.get(key) ?? { period: row.period, projectCodes: [], rules: [] };
    g.projectCodes.push(row.projectCode);
    for (const r of row.rules) if (!g.rules.includes(r)) g.rules.push(r);
    groups.set(key, g);
  }
  return { groups: [...groups.values()].map((g) => ({ ...g, rules: g.rules.sort() })), scope };
}

/**
 * Scope rows as parallel arrays for the staging INSERT: each row's project code and the
 * 1-based index of its (period, rules) group; each group's period and its rules joined
 * by ',' (rule codes are UPPER_SNAKE_CASE). Rows keep their order.
 */
export function scopeArrays(scope: ScopeRow[]): { codes: string[]; groups: number[]; periods: Array<string | null>; ruleLists: string[] } {
  // Most rows share one rule list (the same array object, 9,000 rows per 1x shard): its
  // group is found by that array and the period, and the list is joined and keyed by its
  // text only once per array and period; equal lists in different arrays still share a
  // group through the text key.
  const byText = new Map<string, number>();
  const byArray = new Map<readonly string[], Map<string, number>>();
  const out = { codes: [] as string[], groups: [] as number[], periods: [] as Array<string | null>, ruleLists: [] as string[] };
  for (const row of scope) {
    let byPeriod = byArray.get(row.rules);
    if (byPeriod === undefined) {
      byPeriod = new Map<string, number>();
      byArray.set(row.rules, byPeriod);
    }
    const period = row.period ?? '';
    let g = byPeriod.get(period);
    if (g === undefined) {
      const rules = row.rules.join(',');
      const key = `${period}|${rules}`;
      g = byText.get(key);
      if (g === undefined) {
        out.periods.push(row.period);
        out.ruleLists.push(rules);
        g = out.periods.length;
        byText.set(key, g);
      }
      byPeriod.set(period, g);
    }
    out.codes.push(row.projectCode);
    out.groups.push(g);
  }
  return out;
}
