import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The whole pipeline through HTTP only (no database access), so it can drive a service
 * in another process or network namespace: imports → scan → alerts → an inspector
 * action → joint notices. Used by embedded-default.e2e-spec for both profiles.
 */

/** Reference data first (routing needs it), then everything that refers to projects. */
export const IMPORT_ORDER = ['enterprises', 'projects', 'inspection_units', 'industry_bureaus', 'wage_accounts', 'deposits', 'labor_cost_allocations', 'workers', 'attendance', 'payroll', 'clues', 'watchlist'];

export interface PipelineInput {
  baseUrl: string;
  datasetDir: string;
  /** dataset → file name, from the generator's manifest. */
  files: Record<string, string>;
  asOf: string;
  adminPassword: string;
}

export interface PipelineResult {
  imports: Array<{ dataset: string; status: string; accepted: number; rejected: number }>;
  scanStatus: string;
  /** "projectCode rule severity", sorted. */
  alerts: string[];
  inspectorAction: { claimed: number; acknowledged: number; status: string | null };
  noticesCreated: number;
  noticesListed: number;
  adminToken: string;
}

type Json = Record<string, unknown>;

async function call(baseUrl: string, method: string, path: string, token: string | null, body?: unknown): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  let payload: string | FormData | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(`${baseUrl}/api/v1${path}`, { method, headers, body: payload });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Json) : {} };
}

export async function loginToken(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await call(baseUrl, 'POST', '/auth/login', null, { username, password });
  if (res.status !== 200) throw new Error(`login as ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return String(res.body.accessToken);
}

async function until(what: string, baseUrl: string, path: string, token: string, done: (b: Json) => boolean, timeoutMs = 180_000): Promise<Json> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await call(baseUrl, 'GET', path, token);
    if (res.status === 200 && done(res.body)) return res.body;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(res.body).slice(0, 300)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Every alert as "projectCode rule severity", sorted (what both profiles must agree on). */
export async function listAlerts(baseUrl: string, token: string): Promise<string[]> {
  const items: Array<{ projectCode: string; rule: string; severity: string }> = [];
  for (let page = 1; ; page++) {
    const res = await call(baseUrl, 'GET', `/alerts?pageSize=500&page=${page}`, token);
    const batch = res.body.items as typeof items;
    items.push(...batch);
    if (items.length >= Number(res.body.total) || batch.length === 0) break;
  }
  return items.map((a) => `${a.projectCode} ${a.rule} ${a.severity}`).sort();
}

export async function runPipeline(input: PipelineInput): Promise<PipelineResult> {
  const { baseUrl } = input;
  const admin = await loginToken(baseUrl, 'admin', input.adminPassword);
  const imports: PipelineResult['imports'] = [];
  for (const dataset of IMPORT_ORDER) {
    const form = new FormData();
    const file = input.files[dataset];
    form.append('file', new Blob([await readFile(join(input.datasetDir, file))]), file);
    const up = await call(baseUrl, 'POST', `/imports/${dataset}`, admin, form);
    if (up.status !== 202) throw new Error(`upload ${dataset}: ${up.status} ${JSON.stringify(up.body)}`);
    const view = await until(`import ${dataset}`, baseUrl, `/imports/${String(up.body.id)}`, admin, (b) => ['succeeded', 'succeeded_with_errors', 'failed'].includes(String(b.status)));
    imports.push({ dataset, status: String(view.status), accepted: Number(view.rowsAccepted), rejected: Number(view.rowsRejected) });
  }
  const scan = await call(baseUrl, 'POST', '/scans', admin, { asOf: input.asOf });
  if (scan.status !== 202) throw new Error(`POST /scans: ${scan.status} ${JSON.stringify(scan.body)}`);
  const report = await until('scan', baseUrl, `/scans/${String(scan.body.id)}`, admin, (b) => b.status === 'succeeded' || b.status === 'failed');
  const alerts = await listAlerts(baseUrl, admin);

  // An inspector of the unit the first routed alert went to claims and acknowledges it.
  const routed = await call(baseUrl, 'GET', '/alerts?pageSize=500', admin);
  const first = (routed.body.items as Array<{ unitCode: string | null }>).find((a) => a.unitCode);
  let inspectorAction: PipelineResult['inspectorAction'] = { claimed: 0, acknowledged: 0, status: null };
  if (first?.unitCode) {
    const username = `inspector_${first.unitCode}`.replace(/[^A-Za-z0-9_.@-]/g, '_');
    const created = await call(baseUrl, 'POST', '/users', admin, { username, password: 'inspector-password-1', role: 'inspector', unitCode: first.unitCode });
    if (created.status !== 201) throw new Error(`create inspector: ${created.status} ${JSON.stringify(created.body)}`);
    const inspector = await loginToken(baseUrl, username, 'inspector-password-1');
    const claimed = await call(baseUrl, 'POST', '/alerts/claim-next', inspector);
    const ack = claimed.status === 200 ? await call(baseUrl, 'POST', `/alerts/${String(claimed.body.id)}/actions`, inspector, { action: 'acknowledge' }) : { status: 0, body: {} };
    inspectorAction = { claimed: claimed.status, acknowledged: ack.status, status: (ack.body.status as string | undefined) ?? null };
  }

  const notices = await call(baseUrl, 'POST', '/notices/generate', admin, { asOf: input.asOf });
  if (notices.status !== 202) throw new Error(`POST /notices/generate: ${notices.status} ${JSON.stringify(notices.body)}`);
  const listed = await call(baseUrl, 'GET', '/notices', admin);
  return {
    imports,
    scanStatus: String(report.status),
    alerts,
    inspectorAction,
    noticesCreated: Number(notices.body.created),
    noticesListed: Number(listed.body.total),
    adminToken: admin,
  };
}
