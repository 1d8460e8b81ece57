import { CopyText, CopyValue } from '../datasets/dataset-spec';

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** Escapes a string for PostgreSQL's COPY text format. */
export function copyEscape(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

const arrayElement = (s: string): string => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;

/** One value as a field of a COPY text line (\N for null, \\x… for bytea). */
export function copyField(v: CopyValue): string {
  if (v === null) return '\\N';
  if (typeof v === 'string') return copyEscape(v);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (v instanceof CopyText) return v.text;
  if (Buffer.isBuffer(v)) return byteaField(v);
  return copyEscape(`{${(v as readonly string[]).map(arrayElement).join(',')}}`);
}

/** A bytea value as a COPY text field. */
export const byteaField = (b: Buffer): string => `\\\\x${b.toString('hex')}`;
