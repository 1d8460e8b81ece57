import { Column, ColumnOptions, CreateDateColumn, UpdateDateColumn } from 'typeorm';

/** Money is integer fen (1 yuan = 100 fen) in bigint columns: never binary floating point. */
export const FenColumn = (options: ColumnOptions = {}): PropertyDecorator => Column({ type: 'bigint', ...options });

/** A calendar date in Asia/Shanghai business terms, read as a 'YYYY-MM-DD' string. */
export const DateColumn = (options: ColumnOptions = {}): PropertyDecorator => Column({ type: 'date', ...options });

/** AES-256-GCM ciphertext of personal data (see @wage/crypto). */
export const SealedColumn = (options: ColumnOptions = {}): PropertyDecorator => Column({ type: 'bytea', ...options });

/** HMAC blind index of personal data, for joins and look-ups without decrypting. */
export const BlindIndexColumn = (options: ColumnOptions = {}): PropertyDecorator => Column({ type: 'bytea', ...options });

/** created_at / updated_at and the import that last wrote the row. */
export abstract class ImportedRow {
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'bigint', nullable: true })
  lastImportId!: number | null;
}
