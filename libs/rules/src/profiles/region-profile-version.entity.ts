import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { RuleThresholds } from './thresholds';

/** Every version a region profile ever had, the current one included (append-only). */
@Entity('region_profile_versions')
@Index(['code', 'version'], { unique: true })
export class RegionProfileVersion {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: number;

  @Column({ type: 'varchar', length: 16 })
  code!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'jsonb' })
  thresholds!: RuleThresholds;

  @Column({ type: 'text', nullable: true })
  changedBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
