import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * An admin's routing rule, checked before the default chain (street team → brigade →
 * city → province). Enabled overrides are tried in (position, id) order; the first whose
 * every non-null condition matches wins.
 */
@Entity('routing_overrides')
@Index(['position'])
export class RoutingOverride {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  position!: number;

  /** Matches projects whose region code starts with this (e.g. "4201"). */
  @Column({ type: 'varchar', length: 6, nullable: true })
  regionPrefix!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  industry!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  rule!: string | null;

  /** Matches alerts at least this severe (red ≥ orange ≥ yellow). */
  @Column({ type: 'varchar', length: 8, nullable: true })
  minSeverity!: string | null;

  @Column({ type: 'varchar', length: 64 })
  unitCode!: string;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  updatedBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
