import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfig } from '@wage/config';
import { JobHandlerRegistry } from './job-handler.registry';
import { DEFAULT_JOB_OPTIONS } from './queue-defaults';
import { QueueName } from './queue-names';
import { QUEUE_PROCESSORS, workerConnection } from './queue-processors';
import { queueConnection, useQueueBackend } from './queue-backend';

/** true in processes that run job processors and register schedules (worker, all-in-one). */
export const RUNS_WORKERS = 'wage:runs-workers';

const queueRegistrations = BullModule.registerQueue(
  ...Object.values(QueueName).map((name) => ({ name, defaultJobOptions: DEFAULT_JOB_OPTIONS })),
);

/**
 * Producers for every queue (any process may enqueue). `forWorker()` adds the
 * processors, which only worker processes run.
 */
@Global()
@Module({})
export class QueuesModule {
  static forProducer(): DynamicModule {
    return {
      module: QueuesModule,
      imports: [
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => {
            // Runs before any queue or worker is built: they all inherit the backend.
            useQueueBackend(config.queueBackend);
            // On Redis, queues fail fast (request paths answer 503) while workers wait for Redis.
            workerConnection.options = queueConnection(config, 'worker');
            return { connection: queueConnection(config, 'producer'), prefix: config.QUEUE_PREFIX };
          },
        }),
        queueRegistrations,
      ],
      providers: [{ provide: RUNS_WORKERS, useValue: false }],
      exports: [queueRegistrations, RUNS_WORKERS],
    };
  }

  static forWorker(): DynamicModule {
    const producer = QueuesModule.forProducer();
    return {
      ...producer,
      imports: [...(producer.imports ?? []), DiscoveryModule],
      providers: [{ provide: RUNS_WORKERS, useValue: true }, JobHandlerRegistry, ...QUEUE_PROCESSORS],
    };
  }
}
