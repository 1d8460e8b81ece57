import { Column, Entity, Index } from 'typeorm';
import { ShardRow } from './shard-row';

/** A rule that could not be evaluated for a project in a scan (e.g. no minimum wage configured). */
@Entity('scan_skips')
@Index(['scanId', 'shard'])
export class ScanSkip extends ShardRow {
  @Column({ type: 'varchar', length: 40 })
  rule!: string;

  @Column({ type: 'text' })
  reason!: string;
}
