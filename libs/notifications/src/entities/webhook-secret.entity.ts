import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { ReceiverType } from './outbox-message.entity';

/**
 * The HMAC key a receiver verifies X-Signature with. Stored encrypted (PiiCipher,
 * AES-GCM): a database dump alone does not let anyone forge webhooks.
 */
@Entity('webhook_secrets')
@Check('CHK_webhook_secrets_receiver_type', `"receiver_type" IN ('unit', 'bureau')`)
export class WebhookSecret {
  @PrimaryColumn({ type: 'varchar', length: 8 })
  receiverType!: ReceiverType;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  receiverCode!: string;

  @Column({ type: 'bytea' })
  secretEnc!: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
