import { idNumberCheckChar, usccCheckChar } from '@wage/ingest';
import { TestApp } from './test-app';

/** A valid ID number (region 420113, born 1990-01-01 + n days' worth of variety). */
export function idNumber(n: number): string {
  const day = String((n % 28) + 1).padStart(2, '0');
  const seq = String(n % 1000).padStart(3, '0');
  const first17 = `420113199001${day}${seq}`;
  return first17 + idNumberCheckChar(first17);
}

/** A valid unified social credit code. */
export function uscc(n: number): string {
  const first17 = `91420100MA${String(n).padStart(7, '0')}`;
  return first17 + usccCheckChar(first17);
}

export type Headers = Record<string, string>;

export interface Upload {
  status: number;
  body: { id: number; status: string; message?: string };
}

export async function uploadFile(t: TestApp, headers: Headers, dataset: string, content: Buffer | string, fileName = 'data.csv', query = ''): Promise<Upload> {
  const form = new FormData();
  form.append('file', new Blob([typeof content === 'string' ? Buffer.from(content) : content]), fileName);
  const res = await fetch(`${t.baseUrl}/api/v1/imports/${dataset}${query}`, { method: 'POST', headers, body: form });
  return { status: res.status, body: (await res.json()) as Upload['body'] };
}

export async function uploadJson(t: TestApp, headers: Headers, dataset: string, rows: unknown): Promise<Upload> {
  const res = await fetch(`${t.baseUrl}/api/v1/imports/${dataset}`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify(rows),
  });
  return { status: res.status, body: (await res.json()) as Upload['body'] };
}

export interface ImportView {
  id: number;
  dataset: string;
  status: string;
  rowsTotal: number | null;
  rowsProcessed: number;
  rowsAccepted: number;
  rowsRejected: number;
  warnings: string[];
  errorMessage: string | null;
  errors: Array<{ row: number; column: string; code: string; message: string }>;
}

const FINISHED = ['succeeded', 'succeeded_with_errors', 'failed'];

export async function getImport(t: TestApp, headers: Headers, id: number): Promise<{ status: number; body: ImportView }> {
  // One retry: on a loaded machine a poll can meet the server closing its idle keep-alive socket ("other side closed").
  const res = await fetch(`${t.baseUrl}/api/v1/imports/${id}`, { headers }).catch(() => fetch(`${t.baseUrl}/api/v1/imports/${id}`, { headers }));
  return { status: res.status, body: (await res.json()) as ImportView };
}

/** Polls until the import has finished. */
export async function waitForImport(t: TestApp, headers: Headers, id: number, timeoutMs = 30_000): Promise<ImportView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { status, body } = await getImport(t, headers, id);
    if (status !== 200) throw new Error(`GET import ${id}: ${status} ${JSON.stringify(body)}`);
    if (FINISHED.includes(body.status)) return body;
    if (Date.now() > deadline) throw new Error(`import ${id} still ${body.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Uploads and waits for the result. */
export async function importFile(t: TestApp, headers: Headers, dataset: string, content: Buffer | string, fileName = 'data.csv', query = ''): Promise<ImportView> {
  const up = await uploadFile(t, headers, dataset, content, fileName, query);
  if (up.status !== 202) throw new Error(`upload ${dataset}: ${up.status} ${JSON.stringify(up.body)}`);
  return waitForImport(t, headers, up.body.id);
}

export const csv = (rows: Array<Array<string | number>>): string => rows.map((r) => r.join(',')).join('\n') + '\n';
