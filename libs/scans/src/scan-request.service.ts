import { InjectFlowProducer, InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FlowProducer, Queue } from 'bullmq';
import { DataSource, QueryFailedError } from 'typeorm';
import { AppConfig } from '@wage/config';
import { JobName, QueueName, jobId } from '@wage/queues';
import { assessedPeriod } from '@wage/rules';
import { Scan, ScanTrigger } from './entities/scan.entity';
import { ACTIVE_PROJECTS_SQL, SHARD_BOUNDS_SQL, ShardRange, shardCountFor, shardRanges } from './shard-range';

/** Shard and finalize job payload. */
export interface ScanJobData {
  scanId: number;
  shard?: number;
  /** The shard's project codes, fixed at the request; absent in jobs of older versions (rangeOfShardJob). */
  range?: ShardRange;
}

/** Shard retries: a shard is idempotent, so retrying a transient failure is safe. */
const SHARD_JOB_OPTIONS = { attempts: 3, backoff: { type: 'exponential', delay: 1_000 }, failParentOnFailure: true };

/**
 * Creates scans (API and nightly schedule alike) and fans each out as a BullMQ flow:
 * a `scan.finalize` parent waiting on N `scan.shard` children.
 */
@Injectable()
export class ScanRequestService {
  private readonly logger = new Logger(ScanRequestService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectFlowProducer(QueueName.Scans) private readonly flows: FlowProducer,
    @InjectQueue(QueueName.Scans) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  /** The scan for asOf that is queued or running, or a new one (enqueued). */
  async request(asOf: string, trigger: ScanTrigger, requestedBy: string | null): Promise<Scan> {
    const existing = await this.findActive(asOf);
    if (existing && !(await this.isOrphaned(existing))) return existing;
    const [{ n: activeProjects }]: Array<{ n: number }> = await this.dataSource.query(ACTIVE_PROJECTS_SQL);
    let scan: Scan;
    try {
      scan = await this.dataSource.getRepository(Scan).save({
        asOf,
        period: assessedPeriod(asOf),
        status: 'queued',
        trigger,
        requestedBy,
        shardCount: shardCountFor(activeProjects, this.config.SCAN_SHARDS, this.config.SCAN_SHARD_PROJECTS),
      });
    } catch (error) {
      // Lost a race with a concurrent request for the same date: return the winner's scan.
      if (error instanceof QueryFailedError && (error as QueryFailedError & { code?: string }).code === '23505') {
        const winner = await this.findActive(asOf);
        if (winner) return winner;
      }
      throw error;
    }
    scan.id = Number(scan.id); // bigint key comes back from INSERT … RETURNING as a string
    await this.enqueue(scan);
    return scan;
  }

  async get(id: number): Promise<Scan> {
    const scan = await this.dataSource.getRepository(Scan).findOneBy({ id });
    if (!scan) throw new NotFoundException(`Scan ${id} does not exist; list scans with GET /api/v1/scans`);
    return scan;
  }

  async list(page: number, pageSize: number): Promise<{ items: Scan[]; total: number }> {
    const [items, total] = await this.dataSource
      .getRepository(Scan)
      .findAndCount({ order: { createdAt: 'DESC', id: 'DESC' }, skip: (page - 1) * pageSize, take: pageSize });
    return { items, total };
  }

  /**
   * A scan whose finalize job failed without a handler running (e.g. a shard stalled
   * more often than BullMQ allows) or vanished would block its date for ever: mark it
   * failed so a new request can start over.
   */
  private async isOrphaned(scan: Scan): Promise<boolean> {
    const state = await this.queue.getJobState(jobId('scan', scan.id, 'finalize'));
    const old = Date.now() - new Date(scan.createdAt).getTime() > 60_000;
    if (state === 'failed' || (state === 'unknown' && old)) {
      await this.dataSource.query(
        `UPDATE scans SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1 AND status IN ('queued', 'running')`,
        [scan.id, `the scan's jobs ${state === 'failed' ? 'failed' : 'are gone from the queue'}; a new scan was started`],
      );
      return true;
    }
    return false;
  }

  private findActive(asOf: string): Promise<Scan | null> {
    return this.dataSource
      .getRepository(Scan)
      .createQueryBuilder('s')
      .where('s.as_of = :asOf', { asOf })
      .andWhere(`s.status IN ('queued', 'running')`)
      .getOne();
  }

  private async enqueue(scan: Scan): Promise<void> {
    const data: ScanJobData = { scanId: scan.id };
    // Each shard gets a contiguous range of project codes (an even split of today's active
    // projects); a failure here leaves the scan queued without jobs, which a later request
    // finds orphaned.
    const bounds: Array<{ bound: string }> = await this.dataSource.query(SHARD_BOUNDS_SQL, [scan.shardCount]);
    const ranges = shardRanges(bounds.map((b) => b.bound), scan.shardCount);
    try {
      await this.flows.add({
        name: JobName.ScanFinalize,
        queueName: QueueName.Scans,
        data,
        opts: { jobId: jobId('scan', scan.id, 'finalize'), attempts: 3, backoff: { type: 'exponential', delay: 1_000 } },
        children: Array.from({ length: scan.shardCount }, (_, shard) => ({
          name: JobName.ScanShard,
          queueName: QueueName.Scans,
          data: { scanId: scan.id, shard, range: ranges[shard] } satisfies ScanJobData,
          opts: { jobId: jobId('scan', scan.id, 'shard', shard), ...SHARD_JOB_OPTIONS },
        })),
      });
    } catch (error) {
      // Without its jobs the scan would sit "queued" for ever and block its date: fail it.
      const message = `could not enqueue the scan: ${(error as Error).message}`;
      this.logger.error(message);
      await this.dataSource.getRepository(Scan).update({ id: scan.id }, { status: 'failed', error: message, finishedAt: new Date() });
      throw new ServiceUnavailableException('The job queue (Redis) is unavailable; the scan was not started. Try again shortly.');
    }
  }
}
