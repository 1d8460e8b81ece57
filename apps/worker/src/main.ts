import 'reflect-metadata';
import { AppModule } from '../../api/src/app.module';
import { createWorkerContext, prepareInfrastructure, runMain } from '@wage/ops';

/** Job processors and schedules only; run as many of these as the load needs. */
runMain(async () => {
  await prepareInfrastructure();
  await createWorkerContext(AppModule.forRoot({ workers: true }));
});
