import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { DataSource, EntityManager } from 'typeorm';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body exactly as received (what the signature covers). */
  body: string;
}

/**
 * A local webhook receiver for e2e tests (127.0.0.1, random port). Each path answers
 * with the statuses queued for it, then with `defaultStatus` (200 unless set).
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly statuses = new Map<string, number[]>();
  private readonly defaults = new Map<string, number>();
  private server?: Server;
  port = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        this.received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const status = this.statuses.get(path)?.shift() ?? this.defaults.get(path) ?? 200;
        res.writeHead(status, { 'Content-Type': 'text/plain', Connection: 'close' }).end(status < 300 ? 'ok' : 'boom');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Answer the next requests to `path` with these statuses, in order. */
  respond(path: string, ...statuses: number[]): void {
    this.statuses.set(path, [...(this.statuses.get(path) ?? []), ...statuses]);
  }

  setDefault(path: string, status: number): void {
    this.defaults.set(path, status);
  }

  on(path: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Polls `check` until it returns a truthy value (or throws after `timeoutMs`). */
export async function waitFor<T>(check: () => Promise<T> | T, what: string, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Inserts an inspection unit (and optionally a bureau) with a webhook_url, for tests. */
export async function insertUnit(db: DataSource | EntityManager, unitCode: string, webhookUrl: string | null): Promise<void> {
  await db.query(
    `INSERT INTO inspection_units (unit_code, name, kind, region_code, webhook_url) VALUES ($1, $2, 'brigade', '420113', $3)`,
    [unitCode, `监察大队 ${unitCode}`, webhookUrl],
  );
}

export async function insertBureau(db: DataSource | EntityManager, bureauCode: string, webhookUrl: string | null): Promise<void> {
  await db.query(
    `INSERT INTO industry_bureaus (bureau_code, name, region_code, industries, webhook_url) VALUES ($1, $2, '420113', '{housing}', $3)`,
    [bureauCode, `住建局 ${bureauCode}`, webhookUrl],
  );
}
