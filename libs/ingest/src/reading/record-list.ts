/**
 * Records handed to the row encoder one at a time: a chunk of CSV is split into cells
 * row by row as it is encoded (csv-chunks.ts, chunkRecords), so a row's strings die
 * before the next young-generation collection instead of a whole chunk's ~9,000 rows
 * being copied by it and promoted (docs/decisions/ingest-lazy-cells.md).
 */
export interface RecordList {
  readonly length: number;
  /** The row number a user sees (header = 1) of record i. */
  row(i: number): number;
  /** The cells of record i; may throw the FileProblem of a limit the chunk breaks. */
  cells(i: number): readonly string[];
}

/** Records already parsed (XLSX, JSON, a quoted CSV chunk, tests). */
export function recordList(records: ReadonlyArray<{ row: number; cells: readonly string[] }>): RecordList {
  return {
    length: records.length,
    row: (i) => records[i].row,
    cells: (i) => records[i].cells,
  };
}
