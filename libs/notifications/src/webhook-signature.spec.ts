import { createHmac } from 'node:crypto';
import { backoffMs, signWebhookBody, verifyWebhookSignature, webhookBody } from './webhook-signature';

describe('webhook signature', () => {
  const secret = 'a'.repeat(64);
  const body = '{"event":"alert.raised","data":{"projectCode":"P-1","name":"工地"}}';

  it('is sha256= plus the hex HMAC of the body', () => {
    const hex = createHmac('sha256', secret).update(Buffer.from(body, 'utf8')).digest('hex');
    expect(signWebhookBody(secret, body)).toBe(`sha256=${hex}`);
  });

  it('verifies only the same body with the same secret', () => {
    const sig = signWebhookBody(secret, body);
    expect(verifyWebhookSignature(secret, body, sig)).toBe(true);
    expect(verifyWebhookSignature(secret, Buffer.from(body, 'utf8'), sig)).toBe(true);
    expect(verifyWebhookSignature('b'.repeat(64), body, sig)).toBe(false);
    expect(verifyWebhookSignature(secret, `${body} `, sig)).toBe(false);
    expect(verifyWebhookSignature(secret, body, undefined)).toBe(false);
    expect(verifyWebhookSignature(secret, body, 'sha256=xyz')).toBe(false);
  });
});

describe('backoffMs', () => {
  it('doubles from the base and caps at an hour', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(10_000, n))).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(backoffMs(10_000, 20)).toBe(3_600_000);
  });
});

describe('webhookBody', () => {
  it('is stable JSON with event, time, receiver and data', () => {
    const text = webhookBody({
      event: 'alert.raised',
      receiverType: 'unit',
      receiverCode: 'U1',
      payload: { alertId: 7 },
      occurredAt: new Date('2026-11-22T01:02:03Z'),
    });
    expect(JSON.parse(text)).toEqual({
      event: 'alert.raised',
      occurredAt: '2026-11-22T01:02:03.000Z',
      receiver: { type: 'unit', code: 'U1' },
      data: { alertId: 7 },
    });
  });
});
