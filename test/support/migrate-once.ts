import 'reflect-metadata';
import { migrateDatabase } from '@wage/database';

/** Child process of foundation-process.e2e-spec: migrates DATABASE_URL and prints what it applied as JSON. */
migrateDatabase(process.env.DATABASE_URL ?? '')
  .then((applied) => {
    console.log(JSON.stringify({ applied }));
  })
  .catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
