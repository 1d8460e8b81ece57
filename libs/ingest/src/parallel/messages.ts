import type { ImportLimits } from '../import-limits';
import type { EncodedBatch } from '../merge/row-encoder';
import type { CsvChunk } from '../reading/csv-chunks';

/** What a row worker thread needs to know of its import (structured-cloned once). */
export interface RowWorkerSetup {
  dataset: string;
  /** The file's header cells (the worker maps them itself, as the import's thread did). */
  header: string[];
  importId: number;
  /** DATA_ENCRYPTION_KEY: the thread seals personal data with its own PiiCipher. */
  cipherKey: string;
  knownProjects: string[];
  limits: Pick<ImportLimits, 'maxRecordChars' | 'maxCellChars' | 'maxColumns'>;
}

export interface ChunkTask {
  id: number;
  chunk: CsvChunk;
}

/** A chunk's batch, or the file problem it found (the file fails), or an unexpected failure. */
export type ChunkReply = { id: number; batch: EncodedBatch } | { id: number; problem: string } | { id: number; failure: string };
