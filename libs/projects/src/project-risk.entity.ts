import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Severity } from '@wage/alerts';

/**
 * A project's risk from its active alerts (rules.md "Project risk"): worst severity,
 * score (red 40, orange 20, yellow 5 each, capped at 100) and total shortfall. Kept
 * current by each scan's finalize and by anyone changing alert statuses.
 */
@Entity('project_risk')
@Index(['riskScore'])
export class ProjectRisk {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  projectCode!: string;

  @Column({ type: 'varchar', length: 8, nullable: true })
  riskLevel!: Severity | null;

  @Column({ type: 'integer', default: 0 })
  riskScore!: number;

  @Column({ type: 'bigint', default: 0 })
  shortfallFen!: number;

  @Column({ type: 'integer', default: 0 })
  openAlerts!: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
