import { buildProjectPlan, expectedAlerts, ProjectPlan, resolveOptions } from '@wage/generator';
import { assessedPeriod } from '@wage/rules';
import { loadProjectPlans } from './support/load-plans';
import { openRulesDb, RulesDb } from './support/rules-db';

/**
 * Cross-check: the generator's independent plain reading of rules.md (expectedAlerts)
 * and the SQL engine must agree on every generated project, problem or healthy.
 */
const AS_OF = '2026-11-03';

describe('rule engine agrees with the generator reference', () => {
  let db: RulesDb;
  let plans: ProjectPlan[];
  beforeAll(async () => {
    db = await openRulesDb();
    const ctx = resolveOptions({ projects: 80, asOf: AS_OF, workersPerProject: 15, months: 13, seed: 7 });
    plans = Array.from({ length: ctx.projects }, (_, i) => buildProjectPlan(ctx, i));
    await loadProjectPlans(db.ds, plans);
  });
  afterAll(async () => {
    await db.close();
  });

  it('raises exactly the expected rule and severity on every active project', async () => {
    const active = plans.filter((p) => p.status === 'in_progress' || p.status === 'suspended');
    const r = await db.evaluate({ asOf: AS_OF, period: assessedPeriod(AS_OF), projectCodes: active.map((p) => p.code) });
    const key = (code: string, rule: string, severity: string): string => `${code} ${rule} ${severity}`;
    const got = r.findings.map((f) => key(f.projectCode, f.rule, f.severity)).sort();
    const want = active.flatMap((p) => expectedAlerts(p, AS_OF).map((a) => key(p.code, a.code, a.severity))).sort();
    expect(got).toEqual(want);
    expect(new Set(r.findings.map((f) => f.rule)).size).toBeGreaterThanOrEqual(15);
    expect(r.skipped).toEqual([]);
    // The bank rules are among them, on the bank variants and nowhere else.
    expect(got.filter((k) => / (PAYROLL_UNVERIFIED|ACCOUNT_DIVERSION) /.test(k)).length).toBeGreaterThanOrEqual(5);
  });
});
