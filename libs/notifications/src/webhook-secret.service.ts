import { Injectable, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PiiCipher } from '@wage/crypto';
import { ReceiverType } from './entities/outbox-message.entity';
import { webhookUrlOf } from './webhook-receivers';

export interface RotatedSecret {
  receiverType: ReceiverType;
  receiverCode: string;
  /** Shown once; the service keeps only its ciphertext. */
  secret: string;
  createdAt: Date;
}

export interface WebhookReceiverView {
  receiverType: ReceiverType;
  receiverCode: string;
  name: string;
  webhookUrl: string;
  /** null: no secret yet, so every message to it fails until an admin sets one. */
  secretSetAt: Date | null;
  pending: number;
  dead: number;
}

/** Per-receiver HMAC secrets for X-Signature, encrypted at rest. */
@Injectable()
export class WebhookSecretService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: PiiCipher,
  ) {}

  /** Sets a new random secret (replacing any old one) and returns it. */
  async rotate(receiverType: ReceiverType, receiverCode: string): Promise<RotatedSecret> {
    const exists = await webhookUrlOf(this.dataSource.manager, receiverType, receiverCode);
    if (exists === undefined) {
      throw new NotFoundException(`No ${receiverType === 'unit' ? 'inspection unit' : 'industry bureau'} has the code "${receiverCode}"`);
    }
    const secret = randomBytes(32).toString('hex');
    const [row] = await this.dataSource.query<Array<{ created_at: Date }>>(
      `INSERT INTO webhook_secrets (receiver_type, receiver_code, secret_enc, created_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (receiver_type, receiver_code) DO UPDATE SET secret_enc = EXCLUDED.secret_enc, created_at = now()
       RETURNING created_at`,
      [receiverType, receiverCode, this.cipher.encrypt(secret)],
    );
    return { receiverType, receiverCode, secret, createdAt: row.created_at };
  }

  /** The current secret, or null when an admin has not set one yet. */
  async secretOf(receiverType: ReceiverType, receiverCode: string): Promise<string | null> {
    const rows: Array<{ secret_enc: Buffer }> = await this.dataSource.query(
      'SELECT secret_enc FROM webhook_secrets WHERE receiver_type = $1 AND receiver_code = $2',
      [receiverType, receiverCode],
    );
    return rows.length ? this.cipher.decrypt(rows[0].secret_enc) : null;
  }

  /** Every unit and bureau with a webhook_url, whether it has a secret, and its backlog. */
  async receivers(): Promise<WebhookReceiverView[]> {
    return this.dataSource.query(
      `WITH r AS (
         SELECT 'unit'::varchar AS t, unit_code AS code, name, webhook_url FROM inspection_units WHERE coalesce(trim(webhook_url), '') <> ''
         UNION ALL
         SELECT 'bureau', bureau_code, name, webhook_url FROM industry_bureaus WHERE coalesce(trim(webhook_url), '') <> ''),
       backlog AS (
         SELECT receiver_type, receiver_code, count(*) FILTER (WHERE status = 'pending')::int AS pending,
                count(*) FILTER (WHERE status = 'dead')::int AS dead
         FROM outbox_messages WHERE status IN ('pending', 'dead') GROUP BY 1, 2)
       SELECT r.t AS "receiverType", r.code AS "receiverCode", r.name, r.webhook_url AS "webhookUrl",
              s.created_at AS "secretSetAt", coalesce(b.pending, 0) AS pending, coalesce(b.dead, 0) AS dead
       FROM r
       LEFT JOIN webhook_secrets s ON s.receiver_type = r.t AND s.receiver_code = r.code
       LEFT JOIN backlog b ON b.receiver_type = r.t AND b.receiver_code = r.code
       ORDER BY r.t DESC, r.code`,
    );
  }
}
