import { CallHandler, ExecutionContext, Injectable, NestInterceptor, PayloadTooLargeException } from '@nestjs/common';
import { catchError, Observable, throwError } from 'rxjs';
import { AppConfig } from '@wage/config';
import { JsonBodyTooLarge } from './json-body';

const mb = (bytes: number): string => `${Math.floor(bytes / (1024 * 1024))} MB`;

/** Turns multer's terse "File too large" into a 413 that says what the limit is. */
@Injectable()
export class UploadLimitInterceptor implements NestInterceptor {
  constructor(private readonly config: AppConfig) {}

  intercept(_ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) =>
        throwError(() =>
          error instanceof PayloadTooLargeException && !(error instanceof JsonBodyTooLarge)
            ? new PayloadTooLargeException(
                `The file is larger than the import limit of ${mb(this.config.IMPORT_MAX_BYTES)} (${this.config.IMPORT_MAX_BYTES} bytes, IMPORT_MAX_BYTES). Split it into smaller files`,
              )
            : error,
        ),
      ),
    );
  }
}
