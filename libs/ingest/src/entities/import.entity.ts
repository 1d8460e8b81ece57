import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const IMPORT_STATUSES = ['queued', 'running', 'succeeded', 'succeeded_with_errors', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const IMPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** One upload and the background job that loads it. */
@Entity('imports')
@Index(['submittedByKind', 'submittedById', 'createdAt'])
export class Import {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: number;

  @Column({ type: 'varchar', length: 32 })
  dataset!: string;

  @Column({ type: 'varchar', length: 24, default: 'queued' })
  status!: ImportStatus;

  /** All or nothing: any row error rejects the whole file. */
  @Column({ type: 'boolean', default: false })
  atomic!: boolean;

  /** Where the upload waits under IMPORT_DIR; removed when the import is over. */
  @Column({ type: 'text' })
  filePath!: string;

  @Column({ type: 'text' })
  fileName!: string;

  @Column({ type: 'bigint' })
  fileSize!: number;

  @Column({ type: 'varchar', length: 8 })
  fileFormat!: ImportFormat;

  @Column({ type: 'varchar', length: 16 })
  submittedByKind!: 'user' | 'api_key';

  @Column({ type: 'varchar', length: 64 })
  submittedById!: string;

  @Column({ type: 'text' })
  submittedByName!: string;

  /** Data rows read (blank rows excluded); known once the file has been read. */
  @Column({ type: 'integer', nullable: true })
  rowsTotal!: number | null;

  /** Progress while running. */
  @Column({ type: 'integer', default: 0 })
  rowsProcessed!: number;

  @Column({ type: 'integer', default: 0 })
  rowsAccepted!: number;

  @Column({ type: 'integer', default: 0 })
  rowsRejected!: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  warnings!: string[];

  /** Why the whole import failed, in words a clerk understands. */
  @Column({ type: 'text', nullable: true })
  errorMessage!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
