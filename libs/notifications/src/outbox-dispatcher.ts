import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '@wage/config';
import { JobHandler, jobId, JobName, QueueName, RUNS_WORKERS } from '@wage/queues';
import { ReceiverType } from './entities/outbox-message.entity';
import { webhookDeliveries } from './outbox-metrics';
import { returnedRows } from './sql-rows';
import { WebhookSecretService } from './webhook-secret.service';
import { postWebhook } from './webhook-post';
import { webhookUrlOf } from './webhook-receivers';
import { backoffMs, signWebhookBody } from './webhook-signature';

export const OUTBOX_SWEEP_SCHEDULER_ID = 'outbox-sweep';
/** Messages handed to the queue per sweep. */
const SWEEP_BATCH = 500;
/** A swept message is not swept again for this long (its deliver job is queued or running). */
const LEASE_MS = 60_000;
/** Delivered messages are kept this long (dead letters until replayed), purged hourly. */
const KEEP_DELIVERED_DAYS = 30;
const PURGE_EVERY_MS = 3_600_000;

interface DeliverJobData {
  id: number;
  attempt: number;
  replays: number;
}

interface PendingMessage {
  id: number;
  receiver_type: ReceiverType;
  receiver_code: string;
  event: string;
  body: string;
  status: string;
  attempts: number;
  replays: number;
}

type Outcome = { ok: true; statusCode: number } | { ok: false; statusCode: number | null; error: string };

/**
 * Delivers the outbox: a repeating sweep hands due messages to `outbox.deliver` jobs;
 * each job POSTs one message once and records the outcome (delivered, a later retry
 * with exponential backoff, or dead after OUTBOX_MAX_ATTEMPTS). At-least-once: a crash
 * between the POST and the UPDATE sends the message again, with the same X-Delivery-Id.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap {
  private readonly logger = new Logger(OutboxDispatcher.name);
  private lastPurge = 0;

  constructor(
    private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Outbox) private readonly queue: Queue,
    @Inject(RUNS_WORKERS) private readonly runsWorkers: boolean,
    private readonly config: AppConfig,
    private readonly secrets: WebhookSecretService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.runsWorkers) return;
    await this.queue.upsertJobScheduler(
      OUTBOX_SWEEP_SCHEDULER_ID,
      { every: this.config.OUTBOX_SWEEP_MS },
      { name: JobName.OutboxSweep, data: {}, opts: { attempts: 1, removeOnComplete: true, removeOnFail: { count: 100 } } },
    );
  }

  @JobHandler(JobName.OutboxSweep)
  async sweep(): Promise<{ queued: number }> {
    if (Date.now() - this.lastPurge > PURGE_EVERY_MS) {
      this.lastPurge = Date.now();
      await this.purgeDelivered();
    }
    const result: unknown = await this.dataSource.query(
      `UPDATE outbox_messages o SET next_attempt_at = now() + $2 * interval '1 millisecond'
       FROM (SELECT id FROM outbox_messages WHERE status = 'pending' AND next_attempt_at <= now()
             ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED) due
       WHERE o.id = due.id RETURNING o.id, o.attempts, o.replays`,
      [SWEEP_BATCH, LEASE_MS],
    );
    const due = returnedRows<{ id: number; attempts: number; replays: number }>(result);
    if (due.length === 0) return { queued: 0 };
    // Jobs are removed when finished: the outbox row is the history, and a removed id
    // can be queued again on the next try. While queued, the id makes re-adds no-ops.
    await this.queue.addBulk(
      due.map((m) => ({
        name: JobName.OutboxDeliver,
        data: { id: m.id, attempt: m.attempts, replays: m.replays } satisfies DeliverJobData,
        opts: { jobId: jobId('outbox', m.id, m.replays, m.attempts), attempts: 1, removeOnComplete: true, removeOnFail: true },
      })),
    );
    return { queued: due.length };
  }

  private async purgeDelivered(): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM outbox_messages WHERE id IN (
         SELECT id FROM outbox_messages WHERE status = 'delivered' AND created_at < now() - $1 * interval '1 day' LIMIT 10000)`,
      [KEEP_DELIVERED_DAYS],
    );
  }

  @JobHandler(JobName.OutboxDeliver)
  async deliver(job: Job<DeliverJobData>): Promise<{ outcome: string }> {
    const { id, attempt, replays } = job.data;
    const [msg] = await this.dataSource.query<PendingMessage[]>(
      'SELECT id, receiver_type, receiver_code, event, body, status, attempts, replays FROM outbox_messages WHERE id = $1',
      [id],
    );
    if (!msg || msg.status !== 'pending' || msg.attempts !== attempt || msg.replays !== replays) return { outcome: 'stale' };
    const result = await this.record(msg, await this.post(msg));
    webhookDeliveries.inc({ outcome: result });
    return { outcome: result };
  }

  private async post(msg: PendingMessage): Promise<Outcome> {
    const url = await webhookUrlOf(this.dataSource.manager, msg.receiver_type, msg.receiver_code);
    if (!url) return { ok: false, statusCode: null, error: `the ${msg.receiver_type} ${msg.receiver_code} has no webhook_url any more` };
    const secret = await this.secrets.secretOf(msg.receiver_type, msg.receiver_code);
    if (!secret) {
      return {
        ok: false,
        statusCode: null,
        error: `no webhook secret set; an admin sets one with PUT /api/v1/webhooks/${msg.receiver_type}/${msg.receiver_code}/secret`,
      };
    }
    const sent = await postWebhook({
      url,
      allow: this.config.webhookAllowList,
      timeoutMs: this.config.OUTBOX_HTTP_TIMEOUT_MS,
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'wage-warning-webhook/1',
        'X-Event': msg.event,
        'X-Delivery-Id': String(msg.id),
        'X-Delivery-Attempt': String(msg.attempts + 1),
        'X-Signature': signWebhookBody(secret, msg.body),
      },
      body: msg.body,
    });
    if ('error' in sent) return { ok: false, statusCode: null, error: sent.error };
    // Only the status is recorded: a receiver's answer is not ours to store.
    if (sent.statusCode >= 200 && sent.statusCode < 300) return { ok: true, statusCode: sent.statusCode };
    return { ok: false, statusCode: sent.statusCode, error: `HTTP ${sent.statusCode}` };
  }

  /** Writes the outcome of one try, only if nobody else recorded this try already. */
  private async record(msg: PendingMessage, outcome: Outcome): Promise<string> {
    const guard = 'WHERE id = $1 AND status = $2 AND attempts = $3 AND replays = $4';
    const base = [msg.id, 'pending', msg.attempts, msg.replays];
    if (outcome.ok) {
      await this.dataSource.query(
        `UPDATE outbox_messages SET status = 'delivered', attempts = attempts + 1, delivered_at = now(),
                last_status_code = $5, last_error = NULL ${guard}`,
        [...base, outcome.statusCode],
      );
      return 'delivered';
    }
    const tries = msg.attempts + 1;
    const dead = tries >= this.config.OUTBOX_MAX_ATTEMPTS;
    await this.dataSource.query(
      `UPDATE outbox_messages SET attempts = attempts + 1, status = $5, last_status_code = $6, last_error = $7,
              next_attempt_at = now() + $8 * interval '1 millisecond' ${guard}`,
      [...base, dead ? 'dead' : 'pending', outcome.statusCode, outcome.error, dead ? 0 : backoffMs(this.config.OUTBOX_BACKOFF_MS, tries)],
    );
    if (dead) this.logger.warn(`outbox message ${msg.id} (${msg.event} → ${msg.receiver_type} ${msg.receiver_code}) is a dead letter after ${tries} tries: ${outcome.error}`);
    return dead ? 'dead' : 'retry';
  }
}
