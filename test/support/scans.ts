import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { jobId, QueueName } from '@wage/queues';
import { RuleEngine, RuleFinding, SkippedRule } from '@wage/rules';
import type { RuleCode } from '@wage/rules';
import { TestApp } from './test-app';

/** Inserts minimal projects (status in_progress unless given). */
export async function insertProjects(t: TestApp, rows: Array<{ code: string; status?: string; region?: string; name?: string }>): Promise<void> {
  const ds = t.app.get(DataSource);
  await ds.query(
    `INSERT INTO projects (project_code, name, region_code, industry, construction_unit_uscc, general_contractor_uscc,
                           contract_amount_fen, contract_signed_on, started_on, status, notice_board_posted)
     SELECT x.code, coalesce(x.name, 'Project ' || x.code), coalesce(x.region, '420113'), 'housing', '91420100MA4K000001', '91420100MA4K000002',
            500000000, '2026-01-10', '2026-02-01', coalesce(x.status, 'in_progress'), true
       FROM jsonb_to_recordset($1::jsonb) AS x(code text, status text, region text, name text)`,
    [JSON.stringify(rows)],
  );
}

export interface FakeFinding {
  projectCode: string;
  rule: RuleCode;
  period: string | null;
  severity: 'red' | 'orange' | 'yellow';
  shortfallFen?: number;
  /** Only scans as of this date find it (default: every scan). */
  asOf?: string;
}

/**
 * Replaces the rule engine of a test app with a table of findings the test controls,
 * so scan reconciliation is tested independently of the rule SQL. Returns the table.
 */
export function fakeRuleEngine(t: TestApp): { findings: FakeFinding[]; skipped: SkippedRule[]; calls: Array<{ period: string; projects: string[]; rules?: string[] }> } {
  const state = { findings: [] as FakeFinding[], skipped: [] as SkippedRule[], calls: [] as Array<{ period: string; projects: string[]; rules?: string[] }> };
  const engine = t.app.get(RuleEngine);
  jest.spyOn(engine, 'evaluate').mockImplementation(async (_m, scope) => {
    state.calls.push({ period: scope.period, projects: [...scope.projectCodes], rules: scope.rules ? [...scope.rules] : undefined });
    const projects = new Set(scope.projectCodes);
    const wanted = (rule: string): boolean => !scope.rules || scope.rules.includes(rule as RuleCode);
    const findings: RuleFinding[] = state.findings
      .filter((f) => projects.has(f.projectCode) && wanted(f.rule) && (f.period === null || f.period === scope.period))
      .filter((f) => f.asOf === undefined || f.asOf === scope.asOf)
      .map(({ asOf: _asOf, ...f }) => ({
        ...f,
        joint: false,
        evidence: { note: `${f.rule} ${f.severity}` },
        thresholds: { t: 1 },
        ruleVersion: 1,
        profileCode: 'CN',
        profileVersion: 1,
        shortfallFen: f.shortfallFen ?? 0,
      }));
    return { findings, skipped: state.skipped.filter((s) => projects.has(s.projectCode) && wanted(s.rule)) };
  });
  return state;
}

/** Polls a scan until it leaves queued/running. */
export async function waitForScan(t: TestApp, headers: Record<string, string>, id: number, timeoutMs = 30_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${t.baseUrl}/api/v1/scans/${id}`, { headers });
    const body = (await res.json()) as Record<string, unknown>;
    if (body.status === 'failed') return body;
    if (body.status === 'succeeded') {
      await finalizeJobDone(t, id, deadline);
      return body;
    }
    if (Date.now() > deadline) throw new Error(`scan ${id} still ${String(body.status)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A scan is `succeeded` at its finalize commit; the finalize job then arms the new
 * alerts' escalation timers (AlertIntakeService.armTimers). Tests read those timers, so
 * they wait for the job too.
 */
async function finalizeJobDone(t: TestApp, id: number, deadline: number): Promise<void> {
  const queue = t.app.get<Queue>(getQueueToken(QueueName.Scans));
  for (;;) {
    const job = await queue.getJob(jobId('scan', id, 'finalize'));
    const state = job ? await job.getState() : 'unknown';
    if (state === 'completed' || state === 'failed' || state === 'unknown') return;
    if (Date.now() > deadline) throw new Error(`scan ${id}: its finalize job still ${state}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function postScan(t: TestApp, headers: Record<string, string>, asOf?: string): Promise<{ status: number; body: { id: number; status: string } }> {
  const res = await fetch(`${t.baseUrl}/api/v1/scans`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify(asOf ? { asOf } : {}),
  });
  return { status: res.status, body: (await res.json()) as { id: number; status: string } };
}

/** Runs a scan to completion and returns its report. */
export async function runScan(t: TestApp, headers: Record<string, string>, asOf: string): Promise<Record<string, unknown>> {
  const { status, body } = await postScan(t, headers, asOf);
  if (status !== 202) throw new Error(`POST /scans answered ${status}: ${JSON.stringify(body)}`);
  return waitForScan(t, headers, body.id);
}
