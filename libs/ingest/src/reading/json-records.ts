import { readFile, stat } from 'node:fs/promises';
import { FileProblem } from './file-problem';
import { SourceRecord } from './records';

/** JSON is for API pushes; bulk loads should use CSV, which streams. */
const MAX_JSON_BYTES = 64 * 1024 * 1024;

function jsonCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/**
 * A JSON array of objects keyed by column name. The header is the union of all keys;
 * element n (1-based) is reported as row n + 1, as if the array were a sheet under a
 * header row.
 */
export async function* readJsonRecords(path: string): AsyncGenerator<SourceRecord> {
  if ((await stat(path)).size > MAX_JSON_BYTES) {
    throw new FileProblem('JSON imports are limited to 64 MB; upload larger data as CSV');
  }
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new FileProblem(`The body is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(data) || data.some((o) => typeof o !== 'object' || o === null || Array.isArray(o))) {
    throw new FileProblem('A JSON import must be an array of objects, e.g. [{"project_code": "P1", ...}]');
  }
  const objects = data as Array<Record<string, unknown>>;
  const header = [...new Set(objects.flatMap((o) => Object.keys(o)))];
  yield { row: 1, cells: header };
  for (let i = 0; i < objects.length; i++) yield { row: i + 2, cells: header.map((k) => jsonCell(objects[i][k])) };
}
