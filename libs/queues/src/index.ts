export { JOB_QUEUE, JobName, QUEUE_CONCURRENCY, QueueName } from './queue-names';
export { DEFAULT_JOB_OPTIONS, jobId } from './queue-defaults';
export { JobHandler } from './job-handler.decorator';
export { checkHandlerCoverage, JobHandlerCheckError, JobHandlerRegistry } from './job-handler.registry';
export { QueuesModule, RUNS_WORKERS } from './queues.module';
export { PRODUCER_TIMEOUT_MS, producerRedisOptions, redisOptions } from '@wage/common';
export { emitJobOutcome, failureOutcome, onJobOutcome, type JobOutcome, type JobOutcomeListener } from './job-outcomes';
export { isQueueStoreUnreachable, queueUnavailable } from './queue-unavailable';
export { migrateQueueSchema, postgresQueueConnection, queueConnection, queueSchema, useQueueBackend } from './queue-backend';
