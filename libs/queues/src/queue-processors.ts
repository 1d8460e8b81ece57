import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Type } from '@nestjs/common';
import { ConnectionOptions, Job } from 'bullmq';
import { JobHandlerRegistry } from './job-handler.registry';
import { emitJobOutcome, failureOutcome } from './job-outcomes';
import { QUEUE_CONCURRENCY, QueueName } from './queue-names';

/**
 * The workers' Redis connection (redisOptions, with the offline queue), set by
 * QueuesModule from REDIS_URL before Nest's BullMQ explorer creates the workers. The
 * queues themselves use the fail-fast producer options, and a worker would otherwise
 * inherit its queue's connection.
 */
export const workerConnection: { options?: ConnectionOptions } = {};

/**
 * One BullMQ worker per queue. It knows nothing of the domain: it hands each job to the
 * handler registered for the job's name.
 */
function processorFor(queue: QueueName): Type<WorkerHost> {
  @Processor(queue, {
    concurrency: QUEUE_CONCURRENCY[queue],
    maxStalledCount: 2,
    get connection(): ConnectionOptions {
      if (!workerConnection.options) throw new Error('QueuesModule.forWorker() has not set the workers\' Redis connection');
      return workerConnection.options;
    },
  })
  class QueueProcessor extends WorkerHost {
    constructor(readonly registry: JobHandlerRegistry) {
      super();
    }
    process(job: Job): Promise<unknown> {
      return this.registry.dispatch(job);
    }

    @OnWorkerEvent('completed')
    onCompleted(): void {
      emitJobOutcome(queue, 'completed');
    }

    @OnWorkerEvent('failed')
    onFailed(job: Job | undefined): void {
      emitJobOutcome(queue, job ? failureOutcome(job.attemptsMade, job.opts.attempts) : 'failed');
    }
  }
  Object.defineProperty(QueueProcessor, 'name', { value: `${queue[0].toUpperCase()}${queue.slice(1)}QueueProcessor` });
  return QueueProcessor;
}

export const QUEUE_PROCESSORS: Array<Type<WorkerHost>> = Object.values(QueueName).map(processorFor);
