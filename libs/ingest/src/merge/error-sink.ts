import { DataSource } from 'typeorm';
import { maskPersonalNumbers } from '@wage/crypto';
import { RowError } from '../validation/error-codes';

/** Cells holding personal numbers: their error messages mask every number they quote. */
const PERSONAL_COLUMNS: ReadonlySet<string> = new Set([
  'id_number',
  'team_leader_id_number',
  'bank_card_number',
  'account_number',
  'subject_id',
  'payee_id_number',
  'payee_card_number',
]);

const FLUSH_AT = 2_000;

/**
 * Writes rejected rows to import_errors in batches, outside the import's transaction
 * (they must survive a rollback: an atomic import that failed still lists why).
 */
export class ErrorSink {
  private buffer: RowError[] = [];
  count = 0;

  constructor(
    private readonly db: DataSource,
    private readonly importId: number,
  ) {}

  /** Every message passes the mask here (one place): errors.csv and the API read these rows. */
  async add(errors: RowError[]): Promise<void> {
    for (const e of errors) this.buffer.push({ ...e, message: maskPersonalNumbers(e.message, PERSONAL_COLUMNS.has(e.column)) });
    this.count += errors.length;
    if (this.buffer.length >= FLUSH_AT) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    await this.db.query(
      `INSERT INTO import_errors (import_id, "row", "column", code, message)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[])`,
      [this.importId, batch.map((e) => e.row), batch.map((e) => e.column), batch.map((e) => e.code), batch.map((e) => e.message)],
    );
  }
}
