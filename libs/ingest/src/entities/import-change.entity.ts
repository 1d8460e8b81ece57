import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Audit trail: an existing row an import changed, with its values before and after
 * (ciphertext columns left out; blind indexes and masks identify personal data).
 */
@Entity('import_changes')
@Index(['importId'])
@Index(['dataset', 'naturalKey'])
export class ImportChange {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: number;

  @Column({ type: 'bigint' })
  importId!: number;

  @Column({ type: 'varchar', length: 32 })
  dataset!: string;

  @Column({ type: 'text' })
  naturalKey!: string;

  @Column({ type: 'jsonb' })
  old!: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  new!: Record<string, unknown>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;
}
