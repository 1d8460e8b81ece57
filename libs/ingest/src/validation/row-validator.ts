import { DatasetSpec, FieldSpec, Values } from '../datasets/dataset-spec';
import { CellError } from './cell-error';
import { RowError, RowErrorCode } from './error-codes';

export interface HeaderMapping {
  /** For each cell position, the field it feeds (undefined: ignored column). */
  fields: Array<FieldSpec | undefined>;
  unknown: string[];
  missing: FieldSpec[];
}

const normaliseHeader = (h: string): string => h.replace(/^\uFEFF/, '').trim().toLowerCase();

/** Matches header cells to the dataset's columns by canonical name or alias. */
export function mapHeader(spec: DatasetSpec, header: readonly string[]): HeaderMapping {
  const byName = new Map<string, FieldSpec>();
  for (const f of spec.fields) for (const name of [f.column, ...f.aliases]) byName.set(normaliseHeader(name), f);
  const used = new Set<FieldSpec>();
  const unknown: string[] = [];
  const fields = header.map((h) => {
    const f = byName.get(normaliseHeader(h));
    if (!f || used.has(f)) {
      if (normaliseHeader(h) !== '') unknown.push(h.trim());
      return undefined;
    }
    used.add(f);
    return f;
  });
  return { fields, unknown, missing: spec.fields.filter((f) => f.required && !used.has(f)) };
}

export type RowOutcome = { values: Values } | { errors: RowError[] } | null;

/** The header a clerk would recognise: canonical name plus its Chinese alias. */
export const columnLabel = (f: FieldSpec): string => (f.aliases.length ? `${f.column} (${f.aliases[0]})` : f.column);

/**
 * Parses and checks one data row (cells are trimmed here). Returns null for a blank row (skipped), the parsed
 * values, or every error found in the row (one per bad cell).
 */
export function validateRow(spec: DatasetSpec, mapping: HeaderMapping, row: number, cells: readonly string[]): RowOutcome {
  let blank = true;
  for (const c of cells) {
    if (c !== '' && c.trim() !== '') {
      blank = false;
      break;
    }
  }
  if (blank) return null;
  // Every cell after the extra one is shifted: report only the cause, not its echoes.
  if (cells.length > mapping.fields.length && cells.slice(mapping.fields.length).some((c) => c.trim() !== '')) {
    const message = `The row has ${cells.length} cells but the header only ${mapping.fields.length}; a number with a thousands separator must be quoted, e.g. "12,345.60"`;
    return { errors: [{ row, column: '', code: RowErrorCode.TooManyCells, message }] };
  }
  let errors: RowError[] | undefined; // allocated for a bad row only
  const values: Values = {};
  for (let i = 0; i < mapping.fields.length; i++) {
    const f = mapping.fields[i];
    if (!f) continue;
    const raw = (cells[i] ?? '').trim();
    if (raw === '') continue;
    const parsed = f.parse(raw);
    if (parsed instanceof CellError) (errors ??= []).push({ row, column: f.column, code: parsed.code, message: parsed.message });
    else values[f.column] = parsed;
  }
  for (const f of spec.fields) {
    if (f.required && values[f.column] === undefined && !errors?.some((e) => e.column === f.column)) {
      (errors ??= []).push({ row, column: f.column, code: RowErrorCode.Required, message: `${columnLabel(f)} is required but empty` });
    }
  }
  if (errors) return { errors };
  const cross = spec.crossCheck?.(values);
  if (cross) return { errors: [{ row, column: cross.column, code: cross.error.code, message: cross.error.message }] };
  return { values };
}
