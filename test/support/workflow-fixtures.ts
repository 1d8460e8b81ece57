import { DataSource } from 'typeorm';
import { AlertIntakeService } from '@wage/workflow';
import { TestApp } from './test-app';

/** Builders for routing/workflow tests: units, projects with streets, alerts inserted directly. */
export interface UnitFixture {
  code: string;
  kind: 'brigade' | 'team';
  region: string;
  streets?: string[];
  parent?: string | null;
  webhookUrl?: string | null;
}

export async function insertUnits(db: DataSource, units: UnitFixture[]): Promise<void> {
  for (const u of units) {
    await db.query(
      `INSERT INTO inspection_units (unit_code, name, kind, region_code, street_codes, parent_unit_code, webhook_url)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [u.code, `单位 ${u.code}`, u.kind, u.region, u.streets ?? [], u.parent ?? null, u.webhookUrl ?? null],
    );
  }
}

export async function insertProject(
  db: DataSource,
  p: { code: string; region: string; street?: string | null; industry?: string },
): Promise<void> {
  await db.query(
    `INSERT INTO projects (project_code, name, region_code, street_code, industry, construction_unit_uscc, general_contractor_uscc,
                           contract_amount_fen, contract_signed_on, started_on, status)
     VALUES ($1, $2, $3, $4, $5, '91420100MA4K000001', '91420100MA4K000002', 100000000, '2025-01-10', '2025-02-01', 'in_progress')`,
    [p.code, `项目 ${p.code}`, p.region, p.street ?? null, p.industry ?? 'housing'],
  );
}

let seq = 0;

export interface AlertFixture {
  project: string;
  rule?: string;
  severity?: 'red' | 'orange' | 'yellow';
  status?: string;
  unitCode?: string | null;
  shortfallFen?: number;
  firstSeenAt?: Date;
}

/** An alert row as a scan would leave it (before intake routes it unless unitCode is given). */
export async function insertAlert(db: DataSource, a: AlertFixture): Promise<number> {
  const rule = a.rule ?? 'PAY_RATIO_LOW';
  const [row]: Array<{ id: number }> = await db.query(
    `INSERT INTO alerts (fingerprint, project_code, rule, severity, status, rule_version, first_seen_at, last_seen_at,
                         shortfall_fen, unit_code, version, evidence)
     VALUES ($1, $2, $3, $4, $5, 1, $6, $6, $7, $8, 1, '{"shortfallYuan":"100.00"}') RETURNING id`,
    [`${a.project}|${rule}|${++seq}`, a.project, rule, a.severity ?? 'orange', a.status ?? 'open', a.firstSeenAt ?? new Date(),
      a.shortfallFen ?? 0, a.unitCode ?? null],
  );
  return row.id;
}

/** Runs the scan→workflow hand-over for these alerts, as ScanFinalizeService does. */
export async function intake(t: TestApp, ids: number[]): Promise<void> {
  const intakeService = t.app.get(AlertIntakeService);
  const pending = await t.app.get(DataSource).transaction((m) =>
    intakeService.onScanReconciled(m, { raisedOrReopened: ids, severityChanged: [], cleared: [] }),
  );
  await intakeService.armTimers(pending);
}

export async function api(
  t: TestApp,
  method: string,
  path: string,
  who: { headers: Record<string, string> },
  body?: unknown,
): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`${t.baseUrl}/api/v1${path}`, {
    method,
    headers: { ...who.headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
