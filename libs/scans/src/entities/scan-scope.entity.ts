import { Column, Entity, Index } from 'typeorm';
import { ShardRow } from './shard-row';

/**
 * What a shard evaluated: for a project and period (null = state rules), which rules.
 * Finalize clears only active alerts inside this scope that have no finding, so a
 * scan never clears what it did not look at.
 */
@Entity('scan_scopes')
@Index(['scanId', 'shard'])
@Index(['scanId', 'projectCode'])
export class ScanScope extends ShardRow {
  @Column({ type: 'date', nullable: true })
  period!: string | null;

  @Column({ type: 'text', array: true })
  rules!: string[];
}
