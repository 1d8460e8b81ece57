import { availableParallelism } from 'node:os';
import { Injectable } from '@nestjs/common';
import { MINUTE } from './limit-words';

/**
 * What one import may cost. A file beyond a limit fails as a whole, with a message
 * that names the limit (a clerk can split the file; an operator knows what was hit).
 * The values are what a county's exports need with a wide margin (see
 * docs/decisions/ingest-import-limits.md). A provider, so a test can lower them.
 */
@Injectable()
export class ImportLimits {
  /** Characters in one cell: Excel's own cell limit. */
  maxCellChars = 32_767;
  /** Characters in one record (line); also stops a missing closing quote from swallowing the file. */
  maxRecordChars = 1024 * 1024;
  /** Cells in the header or any record. */
  maxColumns = 256;
  /** Data rows in one file. */
  maxRows = 10_000_000;
  /** Row errors before the import gives up: the file is then of the wrong kind or broken. */
  maxErrors = 10_000;
  /** Bytes an .xlsx file may unpack to (a zip bomb is a few MB that unpack to terabytes). */
  maxXlsxUnpackedBytes = 1024 * 1024 * 1024;
  /** A JSON import (file or request body). */
  maxJsonBytes = 64 * 1024 * 1024;
  /** The whole job; beyond it the import fails (it would take as long again on a retry). */
  jobTimeoutMs = 60 * MINUTE;
  /** One SQL statement of the import's transaction. */
  statementTimeoutMs = 10 * MINUTE;
  /** The import's transaction waiting for its reader (a frozen worker releases its locks). */
  idleInTransactionTimeoutMs = 2 * MINUTE;
  /**
   * Worker threads that parse, check and seal one big CSV import; 1 = none, the import's
   * own thread does it. Only cores beyond two: on a 2-core machine two threads were not
   * faster for a big first load and raised the worker's peak RSS from ~303 to 351–394 MB
   * for a 1.5M-row file, over its 300 MB budget (see docs/decisions/ingest-worker-threads.md).
   */
  importThreads = Math.max(1, Math.min(4, availableParallelism() - 2));
  /** Files smaller than this are read in the import's own thread (threads would take longer to start). */
  threadsFromBytes = 4 * 1024 * 1024;
  /**
   * Rows the import's own thread encodes between two turns of the event loop, so that
   * the database's replies for the segment being loaded are read while the next one is
   * encoded (0: a whole chunk at once). See docs/decisions/ingest-event-loop-turns.md.
   */
  rowsPerTurn = 1_000;
  /** Bytes of CSV per chunk of whole records (the unit a thread parses, checks and seals). */
  csvChunkBytes = 512 * 1024;
}

export { formatBytes, formatCount, formatDuration } from './limit-words';
