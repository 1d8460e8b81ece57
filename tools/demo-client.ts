import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';

/** A missing endpoint (404/405 on a documented path): the demo says so instead of crashing. */
export class MissingEndpoint extends Error {}

export interface ImportView {
  id: number | string;
  status: string;
  rowsTotal?: number;
  rowsAccepted?: number;
  rowsRejected?: number;
  warnings?: unknown[];
  errors?: { row: number; column: string; code: string; message: string }[];
}

export interface ScanViewLike {
  id: number | string;
  status: string;
  period?: string;
  projectsScanned?: number;
  alertsRaised?: number;
  alertsUpdated?: number;
  alertsCleared?: number;
  byRule?: Record<string, number>;
  skipped?: unknown[];
  bankFeedProjects?: number;
  error?: string;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The few calls of api.md the demo makes, with errors that name the endpoint. */
export class DemoClient {
  private token = '';

  constructor(readonly baseUrl: string) {}

  async request<T>(method: string, path: string, body?: unknown, form?: FormData): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: form ?? (body === undefined ? undefined : JSON.stringify(body)) });
    const text = await res.text();
    if (res.status === 404 && /Cannot (GET|POST)/.test(text)) throw new MissingEndpoint(`${method} ${path} is not implemented (404)`);
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async healthy(): Promise<boolean> {
    try {
      const res = await fetch(`${this.baseUrl}/health`);
      return res.ok;
    } catch {
      return false;
    }
  }

  async login(username: string, password: string): Promise<string> {
    const out = await this.request<{ accessToken: string }>('POST', '/api/v1/auth/login', { username, password });
    this.token = out.accessToken;
    return this.token;
  }

  async upload(dataset: string, file: string): Promise<ImportView> {
    const form = new FormData();
    form.append('file', await openAsBlob(file), basename(file));
    return this.request<ImportView>('POST', `/api/v1/imports/${dataset}`, undefined, form);
  }

  /** Polls until the import or scan leaves queued/running. */
  async waitFor<T extends { status: string }>(path: string, timeoutMs: number, onTick?: (v: T) => void): Promise<T> {
    const started = Date.now();
    const deadline = started + timeoutMs;
    let warned = false;
    for (;;) {
      const v = await this.request<T>('GET', path);
      onTick?.(v);
      if (v.status === 'queued' && !warned && Date.now() - started > 60_000) {
        warned = true;
        console.log(`  … ${path} is still queued after a minute: are the workers running (see the service log)?`);
      }
      if (v.status !== 'queued' && v.status !== 'running') return v;
      if (Date.now() > deadline) throw new Error(`${path} still ${v.status} after ${Math.round(timeoutMs / 1000)} s`);
      await sleep(500);
    }
  }

  async alertCount(query: string): Promise<number> {
    const out = await this.request<{ total: number }>('GET', `/api/v1/alerts?pageSize=1&${query}`);
    return out.total;
  }
}
