import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '@wage/config';
import { dataSourceOptions } from './data-source-options';

/** For the TypeORM CLI, which needs DATABASE_URL set (only the service starts the embedded PostgreSQL). */
export default new DataSource(dataSourceOptions(loadConfig().databaseUrl));
