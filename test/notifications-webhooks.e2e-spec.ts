import { DataSource } from 'typeorm';
import { Role } from '@wage/auth';
import { OutboxMessageInput, OutboxService, verifyWebhookSignature } from '@wage/notifications';
import { loginAs } from './support/auth';
import { startTestApp, TestApp } from './support/test-app';
import { insertBureau, insertUnit, waitFor, WebhookReceiver } from './support/webhook-receiver';

interface Row {
  id: number;
  status: string;
  attempts: number;
  last_error: string | null;
  last_status_code: number | null;
  body: string;
}

describe('webhooks through the outbox', () => {
  let t: TestApp;
  let db: DataSource;
  let receiver: WebhookReceiver;
  let admin: Record<string, string>;
  const secrets: Record<string, string> = {};

  const call = async (method: string, path: string, headers: Record<string, string>): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(`${t.baseUrl}/api/v1${path}`, { method, headers });
    return { status: res.status, body: await res.json().catch(() => null) };
  };
  const enqueue = (msg: OutboxMessageInput): Promise<boolean> =>
    db.transaction((m) => t.app.get(OutboxService).enqueue(m, msg));
  const row = async (id: number): Promise<Row> => (await db.query('SELECT * FROM outbox_messages WHERE id = $1', [id]))[0] as Row;
  const rowsOf = (code: string): Promise<Row[]> => db.query('SELECT * FROM outbox_messages WHERE receiver_code = $1 ORDER BY id', [code]);
  const rotate = async (type: string, code: string): Promise<string> => {
    const res = await call('PUT', `/webhooks/${type}/${code}/secret`, admin);
    expect(res.status).toBe(200);
    return (res.body as { secret: string }).secret;
  };

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    // The receiver listens on loopback, which only an allow-listed host may be (workflow.md).
    t = await startTestApp({ env: { OUTBOX_BACKOFF_MS: '100', OUTBOX_SWEEP_MS: '100', OUTBOX_MAX_ATTEMPTS: '3', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
    db = t.app.get(DataSource);
    admin = (await loginAs(t, { role: Role.Admin })).headers;
    for (const code of ['U-OK', 'U-FLAKY', 'U-DOWN', 'U-NOSECRET']) await insertUnit(db, code, receiver.url(`/${code}`));
    await insertUnit(db, 'U-NOURL', null);
    await insertBureau(db, 'B-1', receiver.url('/B-1'));
    for (const code of ['U-OK', 'U-FLAKY', 'U-DOWN']) secrets[code] = await rotate('unit', code);
    secrets['B-1'] = await rotate('bureau', 'B-1');
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.stop();
  });

  it('POSTs the stored body with a verifiable X-Signature', async () => {
    expect(await enqueue({ receiverType: 'unit', receiverCode: 'U-OK', event: 'alert.raised', payload: { alertId: 1, name: '某工地' } })).toBe(true);
    const [stored] = await rowsOf('U-OK');
    const delivered = await waitFor(async () => (await row(stored.id)).status === 'delivered', 'delivery');
    expect(delivered).toBe(true);
    const [got] = receiver.on('/U-OK');
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers['x-event']).toBe('alert.raised');
    expect(got.headers['x-delivery-id']).toBe(String(stored.id));
    expect(got.body).toBe(stored.body);
    expect(verifyWebhookSignature(secrets['U-OK'], got.body, got.headers['x-signature'] as string)).toBe(true);
    expect(verifyWebhookSignature(secrets['B-1'], got.body, got.headers['x-signature'] as string)).toBe(false);
    expect(JSON.parse(got.body)).toMatchObject({ event: 'alert.raised', receiver: { type: 'unit', code: 'U-OK' }, data: { name: '某工地' } });
  });

  it('delivers to bureaus too', async () => {
    await enqueue({ receiverType: 'bureau', receiverCode: 'B-1', event: 'notice.issued', payload: { noticeId: 3 } });
    const got = await waitFor(() => receiver.on('/B-1')[0], 'bureau delivery');
    expect(verifyWebhookSignature(secrets['B-1'], got.body, got.headers['x-signature'] as string)).toBe(true);
  });

  it('stores nothing for a receiver without webhook_url, a rolled-back change, or a duplicate key', async () => {
    expect(await enqueue({ receiverType: 'unit', receiverCode: 'U-NOURL', event: 'alert.raised', payload: {} })).toBe(false);
    expect(await enqueue({ receiverType: 'unit', receiverCode: 'NO-SUCH', event: 'alert.raised', payload: {} })).toBe(false);
    expect(await rowsOf('U-NOURL')).toHaveLength(0);

    await expect(
      db.transaction(async (m) => {
        await t.app.get(OutboxService).enqueue(m, { receiverType: 'bureau', receiverCode: 'B-1', event: 'rolled.back', payload: {} });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await db.query(`SELECT id FROM outbox_messages WHERE event = 'rolled.back'`)).toHaveLength(0);

    const dup = { receiverType: 'bureau' as const, receiverCode: 'B-1', event: 'notice.reminder', payload: { n: 1 }, dedupeKey: 'reminder:1' };
    expect(await enqueue(dup)).toBe(true);
    expect(await enqueue({ ...dup, payload: { n: 2 } })).toBe(false);
    expect(await db.query(`SELECT id FROM outbox_messages WHERE dedupe_key = 'reminder:1'`)).toHaveLength(1);
  });

  it('retries after a 500 with the same body and signature', async () => {
    receiver.respond('/U-FLAKY', 500);
    await enqueue({ receiverType: 'unit', receiverCode: 'U-FLAKY', event: 'alert.overdue', payload: { alertId: 2 } });
    const [stored] = await rowsOf('U-FLAKY');
    await waitFor(async () => (await row(stored.id)).status === 'delivered', 'delivery after a retry');
    const tries = receiver.on('/U-FLAKY');
    expect(tries).toHaveLength(2);
    expect(tries[1].body).toBe(tries[0].body);
    expect(tries[1].headers['x-signature']).toBe(tries[0].headers['x-signature']);
    expect(tries.map((r) => r.headers['x-delivery-attempt'])).toEqual(['1', '2']);
    expect(await row(stored.id)).toMatchObject({ attempts: 2, last_status_code: 200, last_error: null });
  });

  it('keeps a dead letter after the last try, shows it to admins, and replays it', async () => {
    receiver.setDefault('/U-DOWN', 503);
    await enqueue({ receiverType: 'unit', receiverCode: 'U-DOWN', event: 'alert.raised', payload: { alertId: 3 } });
    const [stored] = await rowsOf('U-DOWN');
    await waitFor(async () => (await row(stored.id)).status === 'dead', 'dead letter');
    expect(receiver.on('/U-DOWN')).toHaveLength(3);
    expect(await row(stored.id)).toMatchObject({ attempts: 3, last_status_code: 503, last_error: 'HTTP 503' });

    const inspector = (await loginAs(t, { role: Role.Inspector, unitCode: 'U-DOWN' })).headers;
    expect((await call('GET', '/outbox/dead-letters', inspector)).status).toBe(403);
    expect((await call('POST', `/outbox/${stored.id}/replay`, inspector)).status).toBe(403);
    const auditor = (await loginAs(t, { role: Role.Auditor })).headers;
    const list = await call('GET', '/outbox/dead-letters?receiverType=unit&receiverCode=U-DOWN', auditor);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, items: [{ id: stored.id, event: 'alert.raised', attempts: 3, lastStatusCode: 503 }] });
    expect((await call('GET', '/outbox/dead-letters?receiverType=nope', admin)).status).toBe(400);
    const metrics = await (await fetch(`${t.baseUrl}/metrics`)).text();
    expect(metrics).toContain('outbox_messages{status="dead"} 1');
    expect(metrics).toMatch(/webhook_deliveries_total\{outcome="dead"\} 1/);

    receiver.setDefault('/U-DOWN', 200);
    const replay = await call('POST', `/outbox/${stored.id}/replay`, admin);
    expect(replay).toMatchObject({ status: 200, body: { id: stored.id, status: 'pending', replays: 1 } });
    await waitFor(async () => (await row(stored.id)).status === 'delivered', 'delivery after replay');
    const tries = receiver.on('/U-DOWN');
    expect(tries).toHaveLength(4);
    expect(tries[3].body).toBe(tries[0].body);

    expect((await call('POST', `/outbox/${stored.id}/replay`, admin)).status).toBe(409);
    expect((await call('POST', '/outbox/999999/replay', admin)).status).toBe(404);
  });

  it('counts a missing secret as a failed try that names the fix', async () => {
    await enqueue({ receiverType: 'unit', receiverCode: 'U-NOSECRET', event: 'alert.raised', payload: {} });
    const [stored] = await rowsOf('U-NOSECRET');
    await waitFor(async () => (await row(stored.id)).status === 'dead', 'dead letter without secret');
    expect((await row(stored.id)).last_error).toContain('PUT /api/v1/webhooks/unit/U-NOSECRET/secret');
    expect(receiver.on('/U-NOSECRET')).toHaveLength(0);
  });

  it('rotates secrets only for known receivers, and only for admins', async () => {
    expect((await call('PUT', '/webhooks/unit/NO-SUCH/secret', admin)).status).toBe(404);
    const listed = await call('GET', '/webhooks', admin);
    expect(listed.status).toBe(200);
    const receivers = listed.body as Array<{ receiverType: string; receiverCode: string; secretSetAt: string | null; dead: number }>;
    expect(receivers.map((r) => r.receiverCode)).toEqual(['U-DOWN', 'U-FLAKY', 'U-NOSECRET', 'U-OK', 'B-1']);
    expect(receivers.find((r) => r.receiverCode === 'U-NOSECRET')).toMatchObject({ secretSetAt: null, dead: 1 });
    expect(receivers.find((r) => r.receiverCode === 'U-OK')?.secretSetAt).not.toBeNull();
    expect((await call('PUT', '/webhooks/team/U-OK/secret', admin)).status).toBe(400);
    const lead = (await loginAs(t, { role: Role.BrigadeLead, unitCode: 'U-OK' })).headers;
    expect((await call('PUT', '/webhooks/unit/U-OK/secret', lead)).status).toBe(403);
    const next = await rotate('unit', 'U-OK');
    expect(next).toMatch(/^[0-9a-f]{64}$/);
    expect(next).not.toBe(secrets['U-OK']);
    const [stored] = await db.query(`SELECT secret_enc FROM webhook_secrets WHERE receiver_code = 'U-OK'`);
    expect((stored as { secret_enc: Buffer }).secret_enc.toString('utf8')).not.toContain(next);
  });
});
