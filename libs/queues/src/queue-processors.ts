import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Type } from '@nestjs/common';
import { Job } from 'bullmq';
import { JobHandlerRegistry } from './job-handler.registry';
import { emitJobOutcome, failureOutcome } from './job-outcomes';
import { QUEUE_CONCURRENCY, QueueName } from './queue-names';

/**
 * One BullMQ worker per queue. It knows nothing of the domain: it hands each job to the
 * handler registered for the job's name.
 */
function processorFor(queue: QueueName): Type<WorkerHost> {
  @Processor(queue, { concurrency: QUEUE_CONCURRENCY[queue], maxStalledCount: 2 })
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
