import { Column, Entity, Index } from 'typeorm';
import { ShardRow } from './shard-row';

/**
 * Staging of one shard's rule findings. A shard replaces its rows (delete + insert by
 * scan and shard) so a retried shard never adds duplicates; finalize reads them all.
 */
@Entity('scan_findings')
@Index(['scanId', 'shard'])
@Index(['scanId', 'fingerprint'], { unique: true })
export class ScanFinding extends ShardRow {
  @Column({ type: 'varchar', length: 200 })
  fingerprint!: string;

  @Column({ type: 'varchar', length: 40 })
  rule!: string;

  @Column({ type: 'date', nullable: true })
  period!: string | null;

  @Column({ type: 'varchar', length: 8 })
  severity!: string;

  @Column({ type: 'boolean' })
  joint!: boolean;

  @Column({ type: 'jsonb' })
  evidence!: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  thresholds!: Record<string, unknown>;

  @Column({ type: 'integer' })
  ruleVersion!: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  profileCode!: string | null;

  @Column({ type: 'integer', nullable: true })
  profileVersion!: number | null;

  @Column({ type: 'bigint', default: 0 })
  shortfallFen!: number;
}
