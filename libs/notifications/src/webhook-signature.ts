import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * X-Signature of a webhook: "sha256=" + hex HMAC-SHA256 of the exact body bytes, keyed
 * with the receiver's secret. Receivers recompute it over the raw body they received
 * (before any JSON parsing) and compare in constant time.
 */
export function signWebhookBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** What a receiver does; exported for tests and as the reference implementation. */
export function verifyWebhookSignature(secret: string, body: string | Buffer, header: string | undefined | null): boolean {
  if (!header || !/^sha256=[0-9a-f]{64}$/.test(header)) return false;
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Wait before try n+1 after n failed tries: base × 2^(n-1), at most one hour. */
export function backoffMs(baseMs: number, failedAttempts: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, failedAttempts - 1), 3_600_000);
}

/** The JSON document POSTed to a receiver; serialised once, at enqueue time. */
export function webhookBody(msg: {
  event: string;
  receiverType: string;
  receiverCode: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
}): string {
  return JSON.stringify({
    event: msg.event,
    occurredAt: msg.occurredAt.toISOString(),
    receiver: { type: msg.receiverType, code: msg.receiverCode },
    data: msg.payload,
  });
}
