import 'reflect-metadata';
import { createWorkerContext, prepareInfrastructure, runMain } from '@wage/ops';
import { AppModule } from '@wage/platform';

/** Job processors and schedules only; run as many of these as the load needs. */
runMain(async () => {
  await prepareInfrastructure();
  await createWorkerContext(AppModule.forRoot({ workers: true }));
});
