import { InjectQueue } from '@nestjs/bullmq';
import { ConflictException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { JobName, QueueName } from '@wage/queues';
import { OutboxMessage, ReceiverType } from './entities/outbox-message.entity';
import { returnedRows } from './sql-rows';
import { webhookUrlOf } from './webhook-receivers';
import { webhookBody } from './webhook-signature';

export interface OutboxMessageInput {
  receiverType: ReceiverType;
  receiverCode: string;
  /** e.g. 'alert.raised', 'alert.overdue', 'notice.issued' */
  event: string;
  payload: Record<string, unknown>;
  /** Same key twice stores one message (e.g. `alert.overdue:${alertId}:${level}`). */
  dedupeKey?: string;
}

export type DeadLetter = Pick<
  OutboxMessage,
  'id' | 'receiverType' | 'receiverCode' | 'event' | 'payload' | 'attempts' | 'lastError' | 'lastStatusCode' | 'createdAt' | 'replays'
> & { lastAttemptAt: Date };

/**
 * The webhook outbox. `enqueue` writes inside the caller's transaction, so the message
 * commits (or rolls back) with the change that caused it; the dispatcher's sweep finds
 * it afterwards, also after a crash.
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger(OutboxService.name);

  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Outbox) private readonly queue: Queue,
  ) {}

  /**
   * Stores a webhook message for a unit or bureau — only when that receiver has a
   * webhook_url now (in-app notifications are separate and always written). Returns
   * whether a message was stored (false: no URL, unknown receiver, or a duplicate key).
   */
  async enqueue(manager: EntityManager, msg: OutboxMessageInput): Promise<boolean> {
    const url = await webhookUrlOf(manager, msg.receiverType, msg.receiverCode);
    if (!url) return false;
    const body = webhookBody({ ...msg, occurredAt: new Date() });
    const rows: unknown[] = await manager.query(
      `INSERT INTO outbox_messages (receiver_type, receiver_code, event, payload, body, dedupe_key)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [msg.receiverType, msg.receiverCode, msg.event, JSON.stringify(msg.payload), body, msg.dedupeKey ?? null],
    );
    return rows.length > 0;
  }

  /**
   * Optional, after the caller's transaction committed: sweep now instead of within
   * OUTBOX_SWEEP_MS. Failure is harmless (the scheduled sweep still runs).
   */
  async nudge(): Promise<void> {
    await this.queue
      .add(JobName.OutboxSweep, {}, { removeOnComplete: true, removeOnFail: true })
      .catch((e: unknown) => this.logger.warn(`outbox nudge failed: ${(e as Error).message}`));
  }

  async deadLetters(filter: { receiverType?: ReceiverType; receiverCode?: string; limit: number; offset: number }): Promise<{
    total: number;
    items: DeadLetter[];
  }> {
    const where = `status = 'dead' AND ($1::varchar IS NULL OR receiver_type = $1) AND ($2::varchar IS NULL OR receiver_code = $2)`;
    const params = [filter.receiverType ?? null, filter.receiverCode ?? null];
    const [{ total }] = await this.dataSource.query<Array<{ total: number }>>(
      `SELECT count(*)::int AS total FROM outbox_messages WHERE ${where}`,
      params,
    );
    const rows = await this.dataSource.query<Array<Record<string, unknown>>>(
      `SELECT id, receiver_type, receiver_code, event, payload, attempts, replays, last_error, last_status_code, created_at,
              next_attempt_at AS last_attempt_at
       FROM outbox_messages WHERE ${where} ORDER BY id DESC LIMIT $3 OFFSET $4`,
      [...params, filter.limit, filter.offset],
    );
    const items = rows.map((r) => ({
      id: r.id as number,
      receiverType: r.receiver_type as ReceiverType,
      receiverCode: r.receiver_code as string,
      event: r.event as string,
      payload: r.payload as Record<string, unknown>,
      attempts: r.attempts as number,
      replays: r.replays as number,
      lastError: r.last_error as string | null,
      lastStatusCode: r.last_status_code as number | null,
      createdAt: r.created_at as Date,
      lastAttemptAt: r.last_attempt_at as Date,
    }));
    return { total, items };
  }

  /** A dead letter gets a fresh set of tries, with the same body. */
  async replay(id: number): Promise<{ id: number; status: 'pending'; replays: number }> {
    const result: unknown = await this.dataSource.query(
      `UPDATE outbox_messages SET status = 'pending', attempts = 0, replays = replays + 1, next_attempt_at = now(),
              last_error = NULL, last_status_code = NULL
       WHERE id = $1 AND status = 'dead' RETURNING replays`,
      [id],
    );
    const updated = returnedRows<{ replays: number }>(result);
    if (updated.length === 0) {
      const [current] = await this.dataSource.query<Array<{ status: string }>>('SELECT status FROM outbox_messages WHERE id = $1', [id]);
      if (!current) throw new NotFoundException(`No outbox message ${id}`);
      throw new ConflictException(`Outbox message ${id} is ${current.status}; only dead letters can be replayed`);
    }
    await this.nudge();
    return { id, status: 'pending', replays: updated[0].replays };
  }
}
