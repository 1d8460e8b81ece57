import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A rejected row (or cell) of an import. */
@Entity('import_errors')
@Index(['importId', 'id'])
export class ImportError {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: number;

  @Column({ type: 'bigint' })
  importId!: number;

  /** Row number as the user sees it in the file (header = row 1). */
  @Column({ type: 'integer' })
  row!: number;

  @Column({ type: 'text' })
  column!: string;

  @Column({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'text' })
  message!: string;
}
