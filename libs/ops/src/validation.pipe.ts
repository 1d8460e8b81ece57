import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { memoiseValidationMetadata } from './validation-metadata-cache';

function describe(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => (m.startsWith(e.property) ? `${prefix ? prefix + '.' : ''}${m}` : `${path}: ${m}`));
    return [...own, ...describe(e.children ?? [], path)];
  });
}

/** DTO validation at every boundary: unknown fields rejected, every bad field listed. */
export function createValidationPipe(): ValidationPipe {
  memoiseValidationMetadata();
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => new BadRequestException(describe(errors)),
  });
}
