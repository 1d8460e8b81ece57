import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { StepTimer } from '@wage/common';
import { isPeriod } from '../periods';
import { RegionProfileService } from '../profiles/region-profile.service';
import { ResolvedProfile } from '../profiles/thresholds';
import { RULE_SQL } from '../rules/all-rules';
import { RuleGate } from '../rules/rule-sql';
import { EvaluationResult, EvaluationScope, NotApplicableRule, RuleFinding, SkippedRule } from '../types';
import { partitionScope, ruleCodesOf, toFindings } from './findings';
import { textArrayLiteral } from './array-literal';
import { codeBounds } from './code-bounds';
import { buildPayrollHistory, readsPayrollHistory } from './payroll-history';
import { buildPeriodSummary, readsPeriodSummary } from './period-summary';
import { buildScopeWorkers, readsScopeWorkers } from './scope-workers';

/**
 * Evaluates the rule catalogue over a scope of projects: one set-based SQL statement
 * per rule over all projects at once, run through the caller's EntityManager (so a
 * scan shard can use its own transaction / snapshot). Profiles resolve in one query;
 * P's payroll and attendance are read once into the month summary the period rules share,
 * the payroll history once into per-project period totals, the projects' workers once
 * into a narrow copy the roster checks share.
 */
@Injectable()
export class RuleEngine {
  constructor(private readonly profiles: RegionProfileService) {}

  /** `timer` (optional) gets the milliseconds of each step: profiles, gates, summary, each rule, shaping findings. */
  async evaluate(manager: EntityManager, scope: EvaluationScope, timer = new StepTimer()): Promise<EvaluationResult> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(scope.asOf)) throw new Error(`asOf must be YYYY-MM-DD: ${scope.asOf}`);
    if (!isPeriod(scope.period)) throw new Error(`period must be YYYY-MM-01: ${scope.period}`);
    const projectCodes = [...new Set(scope.projectCodes)].sort();
    const findings: RuleFinding[] = [];
    const skipped: SkippedRule[] = [];
    const notApplicable: NotApplicableRule[] = [];
    if (projectCodes.length === 0) return { findings, skipped, notApplicable };

    // One transaction (a savepoint when the caller already has one) so the settings
    // below apply to every statement and end with it. JIT compilation costs seconds
    // on these one-off aggregate statements and saves nothing; sorts and hashes of a
    // province fit in memory instead of spilling.
    await manager.transaction(async (m) => {
      await m.query(`SET LOCAL jit = off`);
      await m.query(`SET LOCAL work_mem = '64MB'`);
      const resolved = await timer.time('profiles', () => this.profiles.resolveForProjects(m, projectCodes));
      const byProject = new Map<string, ResolvedProfile>(resolved.map((r) => [r.projectCode, r.profile]));
      const thresholdsJson = JSON.stringify(Object.fromEntries(resolved.map((r) => [r.profile.code, r.profile.thresholds])));
      const gates = new Map<string, Set<string>>();
      const gated = async (gate: RuleGate): Promise<Set<string>> => {
        let open = gates.get(gate.key);
        if (!open) {
          const rows: Array<{ project_code: string }> = await timer.time(`gate.${gate.key}`, () => m.query(gate.sql, [projectCodes, scope.asOf]));
          open = new Set(rows.map((r) => r.project_code));
          gates.set(gate.key, open);
        }
        return open;
      };
      // $1 / $2 of the rules as array literals (array-literal.ts), built once for the
      // whole scope, which nearly every rule runs on (a subset only when some projects
      // are skipped or gated out, an exact subset in order: so same length = same list).
      let wholeScope: [string, string] | undefined;
      const scopeParams = (runnable: string[]): [string, string] => {
        const build = (): [string, string] => [
          textArrayLiteral(runnable),
          textArrayLiteral(runnable.map((p) => (byProject.get(p) as ResolvedProfile).code)),
        ];
        if (runnable.length !== projectCodes.length) return build();
        wholeScope ??= build();
        return wholeScope;
      };
      const bounds = await codeBounds(m, projectCodes);
      let summarised = false;
      let historyBuilt = false;
      let workersBuilt = false;
      for (const code of ruleCodesOf(scope.rules)) {
        const rule = RULE_SQL[code];
        const part = partitionScope(rule, projectCodes, byProject);
        skipped.push(...part.skipped);
        let runnable = part.runnable;
        if (rule.gate && runnable.length > 0) {
          const open = await gated(rule.gate);
          notApplicable.push(...runnable.filter((p) => !open.has(p)).map((projectCode) => ({ rule: code, projectCode })));
          runnable = runnable.filter((p) => open.has(p));
        }
        if (runnable.length === 0) continue;
        if (!summarised && readsPeriodSummary(rule.sql)) {
          await timer.time('summary', () => buildPeriodSummary(m, projectCodes, scope.period, scope.asOf, bounds));
          summarised = true;
        }
        if (!historyBuilt && readsPayrollHistory(rule.sql)) {
          await timer.time('history', () => buildPayrollHistory(m, projectCodes, scope.period, scope.asOf, bounds, summarised));
          historyBuilt = true;
        }
        if (!workersBuilt && readsScopeWorkers(rule.sql)) {
          await timer.time('workers', () => buildScopeWorkers(m, projectCodes));
          workersBuilt = true;
        }
        const [codes, profileCodes] = scopeParams(runnable);
        const rows: Record<string, unknown>[] = await timer.time(code, () =>
          m.query(rule.sql, [codes, profileCodes, thresholdsJson, scope.asOf, scope.period]),
        );
        findings.push(...timer.timeSync('findings', () => toFindings(rule, rows, byProject, scope.period)));
      }
    });
    return { findings, skipped, notApplicable };
  }
}
