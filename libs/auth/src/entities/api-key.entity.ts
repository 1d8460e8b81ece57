import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A submitter's credential. Only the SHA-256 of the key is stored: keys are 32 random
 * bytes, so a fast hash is enough (no dictionary to attack) and lookups stay O(1).
 */
@Entity('api_keys')
export class ApiKey {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  /** hex SHA-256 of the full key */
  @Column({ type: 'char', length: 64, unique: true })
  keyHash!: string;

  /** First characters of the key, so an operator can tell keys apart. */
  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  /** users.id of the admin who created it */
  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** Datasets the key may load (workflow.md "Submitter keys are scoped"); others are 403. */
  @Column({ type: 'text', array: true, default: () => "'{wage_accounts,deposits,labor_cost_allocations,workers,attendance,payroll,bank_transfers}'" })
  datasets!: string[];

  /** Projects the key may load rows for; null = not limited by a list. */
  @Column({ type: 'text', array: true, nullable: true })
  projectCodes!: string[] | null;

  /** A general contractor's USCC: the key may load rows for all of its projects. */
  @Column({ type: 'varchar', length: 18, nullable: true })
  contractorUscc!: string | null;
}
