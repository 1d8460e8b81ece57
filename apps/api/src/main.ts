import 'reflect-metadata';
import { createHttpApp, createWorkerContext, forkHttpWorkers, isHttpClusterWorker, prepareHttpClusterWorker, prepareInfrastructure, runMain } from '@wage/ops';
import { AppModule } from '@wage/platform';

/**
 * `node main.js` serves the HTTP API; `--with-workers` also runs the job processors
 * and the nightly schedule (what `npm start` does). With API_WORKERS > 1 this process
 * prepares the infrastructure, runs the job processors (if asked) once, and forks that
 * many HTTP-only processes sharing PORT (docs/decisions/api-cluster.md).
 */
runMain(async () => {
  if (isHttpClusterWorker()) {
    const config = prepareHttpClusterWorker();
    const app = await createHttpApp(AppModule.forRoot({ workers: false }));
    await app.listen(config.PORT);
    return;
  }
  const config = await prepareInfrastructure();
  const workers = process.argv.includes('--with-workers');
  if (config.apiWorkers === 1) {
    const app = await createHttpApp(AppModule.forRoot({ workers }));
    await app.listen(config.PORT);
    return;
  }
  if (workers) await createWorkerContext(AppModule.forRoot({ workers: true }));
  await forkHttpWorkers(config.apiWorkers, config, console.log);
});
