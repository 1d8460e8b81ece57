export { CoreModule } from './core.module';
export { LoggingModule } from './logging.module';
export { HttpExceptionFilter } from './http-exception.filter';
export { createValidationPipe } from './validation.pipe';
export { checkRedis, configureHttpApp, createHttpApp, createWorkerContext, prepareInfrastructure, runMain, StartupError } from './bootstrap';
