import { DatasetSpec } from '../datasets/dataset-spec';

/** Never part of the audit trail's JSON: ciphertexts and bookkeeping columns. */
const BOOKKEEPING = ['id', 'created_at', 'updated_at', 'last_import_id'];

export const STAGE_TABLE = 'ingest_stage';

const q = (name: string): string => `"${name}"`;

/**
 * A COPY row (binary format, copy-binary.ts) holds the staged columns and then
 * last_import_id, so that the same rows can go into the staging table or, for a first load, straight into the target table
 * (copyNewSql). seq numbers the rows in file order (COPY inserts them in order).
 */
export function createStageSql(spec: DatasetSpec): string {
  const cols = spec.staged.map((c) => `${q(c.name)} ${c.type}`).join(', ');
  // Temporary: no WAL, private to this transaction's connection, gone at commit.
  return `CREATE TEMP TABLE ${STAGE_TABLE} (${cols}, last_import_id bigint, seq serial NOT NULL) ON COMMIT DROP`;
}

const copyColumns = (spec: DatasetSpec): string => [...spec.staged.map((c) => q(c.name)), 'last_import_id'].join(', ');

export function copyStageSql(spec: DatasetSpec): string {
  return `COPY ${STAGE_TABLE} (${copyColumns(spec)}) FROM STDIN (FORMAT binary)`;
}

/**
 * COPY of a segment straight into the target table, for a first load (the table was
 * empty as the import began, so nothing to audit, as with mergeSql(…, false)).
 */
export function copyNewSql(spec: DatasetSpec): string {
  return `COPY ${q(spec.table)} (${copyColumns(spec)}) FROM STDIN (FORMAT binary)`;
}

/**
 * Upserts the staged rows and records every changed row (old and new values) in the
 * audit trail, in one statement. A row whose values are all equal is not touched: no
 * updated_at bump, no audit record, so re-importing a file changes nothing. All parts
 * of a statement see the same snapshot, so looking up the target in the outer INSERT
 * reads the values from before the upsert (per updated row, by index: a fresh load
 * never scans the table). A row this same import wrote in an earlier segment (the
 * file repeats its key) is not audited again: the trail keeps the value from before
 * the import. When the file repeats a key, the last row wins (DISTINCT ON … ORDER BY seq DESC), else ON CONFLICT would hit one row twice.
 * Parameters: $1 import id, $2 dataset name.
 */
export function mergeSql(spec: DatasetSpec, fileRepeatsKeys: boolean, audited = true): string {
  const names = spec.staged.map((c) => q(c.name));
  const compared = spec.staged.filter((c) => !c.sealed).map((c) => q(c.name));
  const conflict = spec.conflict.map(q);
  const source = fileRepeatsKeys
    ? `SELECT DISTINCT ON (${conflict.join(', ')}) ${names.join(', ')} FROM ${STAGE_TABLE} ORDER BY ${conflict.join(', ')}, seq DESC`
    : `SELECT ${names.join(', ')} FROM ${STAGE_TABLE}`;
  const hidden = [...BOOKKEEPING, ...spec.staged.filter((c) => c.sealed).map((c) => c.name)].map((n) => `'${n}'`).join(', ');
  const updates = [...names.map((n) => `${n} = EXCLUDED.${n}`), 'last_import_id = EXCLUDED.last_import_id', 'updated_at = now()'];
  const upsert = `
  INSERT INTO ${q(spec.table)} AS t (${names.join(', ')}, last_import_id)
  SELECT s.*, $1::bigint FROM (${source}) s
  ON CONFLICT (${conflict.join(', ')}) DO UPDATE SET ${updates.join(', ')}
  WHERE (${compared.map((n) => `t.${n}`).join(', ')}) IS DISTINCT FROM (${compared.map((n) => `EXCLUDED.${n}`).join(', ')})`;
  // Nothing to audit when the table was empty as the import began: every row it could
  // update, this import wrote itself. (Parameters then: $1 only.)
  if (!audited) return upsert;
  return `
WITH up AS (${upsert}
  RETURNING ${conflict.map((n) => `t.${n}`).join(', ')}, (t.xmax <> 0) AS updated,
    CASE WHEN t.xmax <> 0 THEN to_jsonb(t.*) - ARRAY[${hidden}]::text[] END AS new_row
)
INSERT INTO import_changes (import_id, dataset, natural_key, old, new)
SELECT $1, $2, old.key, old.row, up.new_row
FROM up CROSS JOIN LATERAL (
  SELECT ${spec.keyText} AS key, to_jsonb(o.*) - ARRAY[${hidden}]::text[] AS row
  FROM ${q(spec.table)} o WHERE ${conflict.map((n) => `o.${n} = up.${n}`).join(' AND ')}
    AND o.last_import_id IS DISTINCT FROM $1::bigint
) old
WHERE up.updated`;
}

/**
 * Creates, name-less, the enterprises a projects file names but the database does not
 * know yet (data-contract.md); returns their codes for the import's warnings.
 */
export function createMissingEnterprisesSql(): string {
  return `
INSERT INTO enterprises (uscc, name, last_import_id)
SELECT DISTINCT u.uscc, '', $1::bigint
FROM ${STAGE_TABLE} s, LATERAL (VALUES (s.construction_unit_uscc), (s.general_contractor_uscc)) AS u(uscc)
ON CONFLICT (uscc) DO NOTHING
RETURNING uscc`;
}
