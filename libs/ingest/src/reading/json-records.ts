import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import streamArray from 'stream-json/streamers/stream-array.js';
import { formatBytes } from '../import-limits';
import { FileProblem } from './file-problem';
import { SourceRecord } from './records';

function jsonCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

const NOT_OBJECTS = 'A JSON import must be an array of objects, e.g. [{"project_code": "P1", ...}]';

/** The elements of the file's top-level array, parsed one at a time (stream-json). */
async function* elements(path: string): AsyncGenerator<{ index: number; value: Record<string, unknown> }> {
  // numberAsString: a JSON number keeps the digits as written (money never passes a float).
  const items = createReadStream(path, { highWaterMark: 256 * 1024 }).pipe(streamArray.withParserAsStream({ numberAsString: true }));
  try {
    for await (const { key, value } of items as AsyncIterable<{ key: number; value: unknown }>) {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new FileProblem(`${NOT_OBJECTS}; element ${key + 1} (row ${key + 2}) is not an object`);
      }
      yield { index: key, value: value as Record<string, unknown> };
    }
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    const message = (error as Error).message;
    throw new FileProblem(/should be an array/i.test(message) ? NOT_OBJECTS : `The body is not valid JSON: ${message}`);
  } finally {
    items.destroy();
  }
}

/**
 * A JSON array of objects keyed by column name, streamed: never the whole document in
 * memory. The header is the union of all keys, so a first pass collects them and a
 * second one yields the rows; element n (1-based) is reported as row n + 1, as if the
 * array were a sheet under a header row.
 */
export async function* readJsonRecords(path: string, maxBytes: number): AsyncGenerator<SourceRecord> {
  if ((await stat(path)).size > maxBytes) {
    throw new FileProblem(`The JSON is larger than the limit of ${formatBytes(maxBytes)} for JSON imports; upload larger data as CSV`);
  }
  const keys = new Set<string>();
  for await (const { value } of elements(path)) for (const k of Object.keys(value)) keys.add(k);
  const header = [...keys];
  yield { row: 1, cells: header };
  for await (const { index, value } of elements(path)) yield { row: index + 2, cells: header.map((k) => jsonCell(value[k])) };
}
