import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { extname } from 'node:path';
import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { diskStorage } from 'multer';
import { AppConfig } from '@wage/config';
import { ImportsController } from './api/imports.controller';
import { UploadLimitInterceptor } from './api/upload-limit.interceptor';
import { ImportJobHandler } from './import-job.handler';
import { ImportLimits } from './import-limits';
import { ImportReaper } from './import-reaper';
import { ImportLoader } from './import-loader';
import { ImportsService } from './imports.service';

/** Uploads stream straight to IMPORT_DIR (never buffered in memory), capped at IMPORT_MAX_BYTES. */
const multerOptions = (config: AppConfig) => {
  mkdirSync(config.IMPORT_DIR, { recursive: true });
  return {
    storage: diskStorage({
      destination: config.IMPORT_DIR,
      filename: (_req, file, cb) => cb(null, `${randomUUID()}${extname(file.originalname).toLowerCase().replace(/[^.a-z]/g, '')}`),
    }),
    limits: { fileSize: config.IMPORT_MAX_BYTES, files: 1 },
  };
};

@Module({
  imports: [MulterModule.registerAsync({ inject: [AppConfig], useFactory: multerOptions })],
  controllers: [ImportsController],
  providers: [ImportsService, ImportLoader, ImportJobHandler, UploadLimitInterceptor, ImportLimits, ImportReaper],
  exports: [ImportsService, ImportLimits],
})
export class IngestModule {}
