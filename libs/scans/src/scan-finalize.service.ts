import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { StepTimer, StepTimings } from '@wage/common';
import { ProjectRiskService } from '@wage/projects';
import { BANK_FEED_RULES } from '@wage/rules';
import { AlertIntakeService, PendingTimers } from '@wage/workflow';
import { Scan, SkippedSummary } from './entities/scan.entity';
import { reconcileAlerts } from './reconcile-alerts';
import { ScanMetrics } from './scan-metrics';

/** TypeORM answers UPDATE … RETURNING with [rows, affected]; SELECT with rows. */
function updatedRows<T>(result: unknown): T[] {
  return Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]);
}

/**
 * Turns a scan's staged shard results into alerts, routing, project risk and the scan
 * report, all in one transaction: a retried finalize either finds the scan succeeded
 * (and does nothing) or redoes everything from the same staged rows.
 */
@Injectable()
export class ScanFinalizeService {
  private readonly logger = new Logger(ScanFinalizeService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly intake: AlertIntakeService,
    private readonly risk: ProjectRiskService,
    private readonly metrics: ScanMetrics,
  ) {}

  /** Returns milliseconds per step (the job keeps them: bench:scan prints them). */
  async run(scanId: number): Promise<StepTimings> {
    const timer = new StepTimer();
    const t0 = performance.now();
    let bodyDone = 0;
    let pendingTimers: PendingTimers | undefined;
    const done = await this.dataSource.transaction(async (manager) => {
      const [scan]: Scan[] = await manager.query(
        `SELECT id, status, shard_count AS "shardCount", started_at AS "startedAt" FROM scans WHERE id = $1 FOR UPDATE`,
        [scanId],
      );
      if (!scan) throw new Error(`scan ${scanId} does not exist`);
      if (scan.status === 'succeeded' || scan.status === 'failed') return null;

      const changes = await timer.time('reconcile', () => reconcileAlerts(manager, scanId, timer));
      pendingTimers = await timer.time('intake', () => this.intake.onScanReconciled(manager, {
        raisedOrReopened: changes.raisedOrReopened,
        reopened: changes.reopened,
        severityChanged: changes.severityChanged,
        cleared: changes.cleared,
      }, timer));
      await timer.time('risk', () => this.risk.recomputeWhere(
        manager,
        `SELECT project_code FROM scan_scopes WHERE scan_id = $1 UNION SELECT project_code FROM alerts WHERE cleared_by_scan_id = $1`,
        scanId,
      ));
      const tReport = performance.now();
      const report = await this.report(manager, scanId);
      // Projects whose scope kept a bank rule: those with a bank feed as of the scan's date.
      await manager.query(
        `UPDATE scans SET bank_feed_projects = (SELECT count(DISTINCT project_code)::int FROM scan_scopes WHERE scan_id = $1 AND rules && $2::text[])
          WHERE id = $1`,
        [scanId, BANK_FEED_RULES],
      );
      const [row] = updatedRows<{ duration_ms: number }>(await manager.query(
        `UPDATE scans SET status = 'succeeded', finished_at = now(),
                duration_ms = (extract(epoch FROM now() - coalesce(started_at, created_at)) * 1000)::int,
                projects_scanned = $2, alerts_raised = $3, alerts_updated = $4, alerts_cleared = $5,
                by_rule = $6::jsonb, skipped = $7::jsonb, error = NULL
          WHERE id = $1 RETURNING duration_ms`,
        [scanId, report.projectsScanned, changes.raised, changes.updated, changes.cleared.length, JSON.stringify(report.byRule), JSON.stringify(report.skipped)],
      ));
      timer.add('report', performance.now() - tReport);
      await timer.time('cleanup', async () => {
        for (const table of ['scan_findings', 'scan_scopes', 'scan_skips']) {
          await manager.query(`DELETE FROM ${table} WHERE scan_id = $1`, [scanId]);
        }
      });
      bodyDone = performance.now();
      return row.duration_ms;
    });
    if (done !== null) {
      timer.add('commit', performance.now() - bodyDone);
      // After the commit: the alerts are final and visible; their timers are armed outside
      // the transaction (AlertIntakeService.armTimers).
      const pending = pendingTimers;
      if (pending) await timer.time('timers', () => this.intake.armTimers(pending));
      this.metrics.observeScan('succeeded', done);
      this.logger.log(`scan ${scanId} succeeded in ${done} ms`);
    }
    timer.add('total', performance.now() - t0);
    return timer.steps;
  }

  /** Marks a scan failed with the error that ended it (a shard or finalize out of retries). */
  async fail(scanId: number, error: string): Promise<void> {
    const rows = updatedRows<{ duration_ms: number | null }>(await this.dataSource.query(
      `UPDATE scans SET status = 'failed', finished_at = now(), error = $2,
              duration_ms = (extract(epoch FROM now() - coalesce(started_at, created_at)) * 1000)::int
        WHERE id = $1 AND status IN ('queued', 'running') RETURNING duration_ms`,
      [scanId, error.slice(0, 2000)],
    ));
    if (rows.length > 0) this.metrics.observeScan('failed', rows[0].duration_ms ?? 0);
  }

  private async report(
    manager: EntityManager,
    scanId: number,
  ): Promise<{ projectsScanned: number; byRule: Record<string, number>; skipped: SkippedSummary[] }> {
    const [{ n }]: Array<{ n: number }> = await manager.query(
      `SELECT count(DISTINCT project_code)::int AS n FROM scan_scopes WHERE scan_id = $1`,
      [scanId],
    );
    const byRuleRows: Array<{ rule: string; n: number }> = await manager.query(
      `SELECT rule, count(*)::int AS n FROM scan_findings WHERE scan_id = $1 GROUP BY rule ORDER BY rule`,
      [scanId],
    );
    const skipped: SkippedSummary[] = await manager.query(
      `SELECT rule, reason, count(DISTINCT project_code)::int AS count,
              (array_agg(DISTINCT project_code ORDER BY project_code))[1:5] AS "sampleProjects"
         FROM scan_skips WHERE scan_id = $1 GROUP BY rule, reason ORDER BY rule, reason`,
      [scanId],
    );
    return { projectsScanned: n, byRule: Object.fromEntries(byRuleRows.map((r) => [r.rule, r.n])), skipped };
  }
}
