import { DynamicModule, Module } from '@nestjs/common';
import { CoreModule } from '@wage/ops';
import { QueuesModule } from '@wage/queues';
import { consoleStaticModules } from './console-static';
import { FEATURE_MODULES } from './feature-modules';

export interface AppModuleOptions {
  /** Run BullMQ processors and register schedules in this process. */
  workers: boolean;
}

/** The whole service. The API, worker and all-in-one entry points differ only in options. */
@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule,
        options.workers ? QueuesModule.forWorker() : QueuesModule.forProducer(),
        ...FEATURE_MODULES,
        ...consoleStaticModules(),
      ],
    };
  }
}
