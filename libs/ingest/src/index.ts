export { IngestModule } from './ingest.module';
export { ImportsService } from './imports.service';
export { Import, IMPORT_STATUSES, type ImportStatus } from './entities/import.entity';
export { ImportError } from './entities/import-error.entity';
export { ImportChange } from './entities/import-change.entity';
export { RowErrorCode, type RowError } from './validation/error-codes';
export { DATASET_NAMES } from './datasets/registry';
export { parseIdNumber, parseUscc, idNumberCheckChar, usccCheckChar } from './validation/identifiers';
export { SEGMENT_ROWS } from './merge/segments';
