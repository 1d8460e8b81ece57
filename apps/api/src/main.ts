import 'reflect-metadata';
import { createHttpApp, prepareInfrastructure, runMain } from '@wage/ops';
import { AppModule } from '@wage/platform';

/**
 * `node main.js` serves the HTTP API; `--with-workers` also runs the job processors
 * and the nightly schedule (what `npm start` does).
 */
runMain(async () => {
  const config = await prepareInfrastructure();
  const workers = process.argv.includes('--with-workers');
  const app = await createHttpApp(AppModule.forRoot({ workers }));
  await app.listen(config.PORT);
});
