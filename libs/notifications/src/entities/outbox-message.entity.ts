import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ReceiverType = 'unit' | 'bureau';
export const RECEIVER_TYPES: readonly ReceiverType[] = ['unit', 'bureau'];

/** pending: waiting for (another) try; delivered: a 2xx answer; dead: out of tries (dead letter). */
export type OutboxStatus = 'pending' | 'delivered' | 'dead';

/**
 * One webhook message, written in the same transaction as the change that causes it.
 * `body` is serialised once at enqueue time, so every retry sends the same bytes (and
 * the same signature).
 */
@Entity('outbox_messages')
@Check('CHK_outbox_messages_status', `"status" IN ('pending', 'delivered', 'dead')`)
@Check('CHK_outbox_messages_receiver_type', `"receiver_type" IN ('unit', 'bureau')`)
@Index(['nextAttemptAt'], { where: `"status" = 'pending'` })
@Index(['status', 'createdAt'])
export class OutboxMessage {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: number;

  @Column({ type: 'varchar', length: 8 })
  receiverType!: ReceiverType;

  @Column({ type: 'varchar', length: 64 })
  receiverCode!: string;

  @Column({ type: 'varchar', length: 64 })
  event!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  /** The exact JSON text POSTed (and signed). */
  @Column({ type: 'text' })
  body!: string;

  /** Enqueueing twice with the same key stores one message. */
  @Column({ type: 'varchar', length: 200, nullable: true, unique: true })
  dedupeKey!: string | null;

  @Column({ type: 'varchar', length: 12, default: 'pending' })
  status!: OutboxStatus;

  /** Tries since the message was created or last replayed. */
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt!: Date;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'int', nullable: true })
  lastStatusCode!: number | null;

  @Column({ type: 'int', default: 0 })
  replays!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;
}
