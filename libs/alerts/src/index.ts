export * from './entities/alert-enums';
export { Alert } from './entities/alert.entity';
export { AlertEvent } from './entities/alert-event.entity';
