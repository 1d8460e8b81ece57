import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '@wage/config';
import { dataSourceOptions } from './data-source-options';

/** The one DataSource definition, shared by the TypeORM CLI and the tools/ scripts. */
export default new DataSource(dataSourceOptions(loadConfig().DATABASE_URL));
