import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@wage/config';
import { dataSourceOptions } from './data-source-options';

/**
 * The application's connection pool. Migrations are not run here: boot code runs
 * migrateDatabase() first, under an advisory lock, before Nest starts.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.databaseUrl),
        retryAttempts: 0,
      }),
    }),
  ],
})
export class DatabaseModule {}
