import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { RuleThresholds } from './thresholds';

/**
 * Thresholds of the rules for a region. `code` is a region-code prefix ('31', '4401')
 * or 'national'; a project uses the profile with the longest prefix of its region
 * code, else the national one. Every edit bumps `version` and is kept in
 * region_profile_versions, so an alert's (profile_code, profile_version) stays
 * explainable after the profile changes.
 */
@Entity('region_profiles')
export class RegionProfile {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ type: 'jsonb' })
  thresholds!: RuleThresholds;

  @Column({ type: 'text', nullable: true })
  updatedBy!: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
