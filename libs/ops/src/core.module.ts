import { Module } from '@nestjs/common';
import { ConfigModule } from '@wage/config';
import { CryptoModule } from '@wage/crypto';
import { DatabaseModule } from '@wage/database';
import { LoggingModule } from './logging.module';

/** What every process needs: validated config, logs, the database pool, the PII cipher. */
@Module({ imports: [ConfigModule, LoggingModule, DatabaseModule, CryptoModule] })
export class CoreModule {}
