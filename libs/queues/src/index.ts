export { JOB_QUEUE, JobName, QUEUE_CONCURRENCY, QueueName } from './queue-names';
export { DEFAULT_JOB_OPTIONS, jobId } from './queue-defaults';
export { JobHandler } from './job-handler.decorator';
export { checkHandlerCoverage, JobHandlerCheckError, JobHandlerRegistry } from './job-handler.registry';
export { QueuesModule, RUNS_WORKERS } from './queues.module';
export { redisOptions } from './redis-options';
export { migrateQueueSchema, postgresQueueConnection, queueConnection, queueSchema, useQueueBackend } from './queue-backend';
