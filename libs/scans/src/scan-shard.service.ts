import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ACTIVE_ALERT_STATUSES, ALERT_TRANSITIONS } from '@wage/alerts';
import { StepTimer, StepTimings } from '@wage/common';
import { NotApplicableRule, PERIOD_RULES, RuleCode, RuleEngine, RuleFinding, STATE_RULES, SkippedRule } from '@wage/rules';
import { Scan } from './entities/scan.entity';
import { fingerprintOf } from './fingerprint';
import { planReevaluation, OpenAlertKey, ScopeRow, scopeArrays } from './scan-plan';
import { ACTIVE_PROJECT_SQL, inRangeSql, rangeOfShardJob, ShardRange } from './shard-range';

/** Statuses of period alerts that are re-evaluated although nobody has to act on them. */
const REEVALUATED_INACTIVE = ALERT_TRANSITIONS.scan.reopen.from;

/** SQL predicate: the project lies in the shard's range ($1, $2: its bounds, shard-range.ts). */
const IN_SHARD = inRangeSql('project_code', '$1', '$2');

/**
 * One shard of a scan: evaluates its share of the projects for the assessed period and
 * the state rules, re-evaluates each open (or recent cleared/resolved) period alert for its own period, and stages
 * findings, scope and skips. Idempotent: a retry replaces the shard's staged rows.
 */
@Injectable()
export class ScanShardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly engine: RuleEngine,
  ) {}

  /** Returns milliseconds per step (the job keeps them: bench:scan prints them). */
  async run(scanId: number, shard: number, range?: ShardRange): Promise<StepTimings> {
    const timer = new StepTimer();
    const t0 = performance.now();
    const scan = await this.dataSource.getRepository(Scan).findOneBy({ id: scanId });
    if (!scan) throw new Error(`scan ${scanId} does not exist`);
    if (scan.status === 'succeeded' || scan.status === 'failed') return timer.steps;
    await this.dataSource.query(`UPDATE scans SET status = 'running', started_at = now() WHERE id = $1 AND status = 'queued'`, [scanId]);
    timer.add('start', performance.now() - t0);

    // One snapshot for every read of the shard; its staged rows commit together.
    let bodyDone = 0;
    const tx0 = performance.now();
    await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      // The shards of a scan run side by side, one per core of a worker process's share
      // (the scans queue's concurrency): a parallel plan's extra processes only compete
      // with the other shard, and they tip the planner to scan whole tables (payroll,
      // bank_transfers) where the shard's own rows are an index range away.
      await manager.query(`SET LOCAL max_parallel_workers_per_gather = 0`);
      const tPlan = performance.now();
      const { from, to } = rangeOfShardJob(shard, range);
      const params = [from, to];
      const active: Array<{ project_code: string }> = await manager.query(
        `SELECT project_code FROM projects WHERE ${ACTIVE_PROJECT_SQL} AND ${IN_SHARD} ORDER BY project_code`,
        params,
      );
      // Re-evaluated for their own period: every active alert, and the cleared or resolved
      // period alerts of the 12 periods ending with P (a payroll correction can make an
      // older period wrong again, or a resolved alert's condition go and come back).
      const openAlerts: OpenAlertKey[] = (
        await manager.query(
          `SELECT project_code, rule, to_char(period, 'YYYY-MM-DD') AS period FROM alerts
            WHERE (status = ANY($3) OR (period BETWEEN ($4::date - interval '11 months')::date AND $4::date AND status = ANY($5)))
              AND ${IN_SHARD}`,
          [...params, ACTIVE_ALERT_STATUSES, scan.period, REEVALUATED_INACTIVE],
        )
      ).map((r: { project_code: string; rule: string; period: string | null }) => ({ projectCode: r.project_code, rule: r.rule, period: r.period }));

      const mainProjects = active.map((r) => r.project_code);
      const plan = planReevaluation(mainProjects, scan.period, openAlerts);
      timer.add('plan', performance.now() - tPlan);
      const findings: RuleFinding[] = [];
      const skipped: SkippedRule[] = [];
      // Rules that do not apply to a project (the bank rules without a bank feed) leave
      // its scope: not evaluated, so nothing of theirs is cleared, and not reported as skipped.
      // Keyed by project and period, so the scope rows without any (most of them) keep
      // their shared rule list untouched instead of each rule being looked up.
      const notApplicable = new Map<string, Set<string>>();
      const leaveOut = (period: string | null, rows: NotApplicableRule[] | undefined): void => {
        for (const r of rows ?? []) {
          const key = `${r.projectCode}|${period ?? ''}`;
          const rules = notApplicable.get(key) ?? new Set<string>();
          rules.add(r.rule);
          notApplicable.set(key, rules);
        }
      };
      if (mainProjects.length > 0) {
        const steps = new StepTimer();
        const result = await timer.time('main', () =>
          this.engine.evaluate(manager, { asOf: scan.asOf, period: scan.period, projectCodes: mainProjects }, steps),
        );
        timer.merge('main.', steps.steps);
        findings.push(...result.findings);
        skipped.push(...result.skipped);
        leaveOut(scan.period, result.notApplicable);
      }
      const openFingerprints = new Set(openAlerts.map((a) => fingerprintOf(a.projectCode, a.rule, a.period)));
      for (const group of plan.groups) {
        const result = await timer.time('reevaluate', () =>
          this.engine.evaluate(manager, {
            asOf: scan.asOf,
            period: group.period ?? scan.period,
            projectCodes: group.projectCodes,
            rules: group.rules as RuleCode[],
          }),
        );
        // Re-evaluation only keeps, clears or reopens alerts that exist; it raises nothing
        // new for an old period.
        findings.push(...result.findings.filter((f) => openFingerprints.has(fingerprintOf(f.projectCode, f.rule, f.period))));
        skipped.push(...result.skipped);
        leaveOut(group.period, result.notApplicable);
      }
      const scope: ScopeRow[] = [
        ...mainProjects.flatMap((p) => [
          { projectCode: p, period: scan.period, rules: PERIOD_RULES },
          { projectCode: p, period: null, rules: STATE_RULES },
        ]),
        ...plan.scope,
      ].map((row) => {
        const left = notApplicable.get(`${row.projectCode}|${row.period ?? ''}`);
        return left ? { ...row, rules: row.rules.filter((r) => !left.has(r)) } : row;
      });
      await timer.time('stage', () => this.stage(manager, scanId, shard, findings, skipped, scope, timer));
      bodyDone = performance.now();
    });
    timer.add('commit', performance.now() - bodyDone);
    timer.add('total', performance.now() - t0);
    timer.add('transaction', performance.now() - tx0);
    return timer.steps;
  }

  private async stage(
    manager: EntityManager,
    scanId: number,
    shard: number,
    findings: RuleFinding[],
    skipped: SkippedRule[],
    scope: ScopeRow[],
    timer: StepTimer,
  ): Promise<void> {
    await timer.time('stage.delete', async () => {
      for (const table of ['scan_findings', 'scan_scopes', 'scan_skips']) {
        await manager.query(`DELETE FROM ${table} WHERE scan_id = $1 AND shard = $2`, [scanId, shard]);
      }
    });
    const rows = findings.map((f) => ({ ...f, fingerprint: fingerprintOf(f.projectCode, f.rule, f.period) }));
    await timer.time('stage.findings', () => manager.query(
      `INSERT INTO scan_findings (scan_id, shard, fingerprint, project_code, rule, period, severity, joint, evidence, thresholds,
                                  rule_version, profile_code, profile_version, shortfall_fen)
       SELECT $1, $2, x."fingerprint", x."projectCode", x."rule", x."period", x."severity", x."joint", x."evidence", x."thresholds",
              x."ruleVersion", x."profileCode", x."profileVersion", x."shortfallFen"
         FROM jsonb_to_recordset($3::jsonb) AS x("fingerprint" text, "projectCode" text, "rule" text, "period" date, "severity" text,
              "joint" boolean, "evidence" jsonb, "thresholds" jsonb, "ruleVersion" int, "profileCode" text, "profileVersion" int, "shortfallFen" bigint)`,
      [scanId, shard, JSON.stringify(rows)],
    ));
    // The scope goes as arrays, not JSON: 2 rows per project (9,000 per 1x shard) whose
    // rule lists are nearly all the same, so each distinct (period, rules) is sent once.
    const staged = scopeArrays(scope);
    await timer.time('stage.scopes', () => manager.query(
      `INSERT INTO scan_scopes (scan_id, shard, project_code, period, rules)
       SELECT $1, $2, x.code, g.period, g.rules
         FROM unnest($3::text[], $4::int[]) WITH ORDINALITY AS x(code, g, n)
         JOIN (SELECT t.g, t.period, string_to_array(t.rules, ',') AS rules
                 FROM unnest($5::date[], $6::text[]) WITH ORDINALITY AS t(period, rules, g)) g ON g.g = x.g
        ORDER BY x.n`,
      [scanId, shard, staged.codes, staged.groups, staged.periods, staged.ruleLists],
    ));
    await timer.time('stage.skips', () => manager.query(
      `INSERT INTO scan_skips (scan_id, shard, project_code, rule, reason)
       SELECT $1, $2, x."projectCode", x."rule", x."reason" FROM jsonb_to_recordset($3::jsonb) AS x("projectCode" text, "rule" text, "reason" text)`,
      [scanId, shard, JSON.stringify(skipped)],
    ));
  }
}
