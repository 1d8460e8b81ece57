import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A rule that could not be evaluated for a project in a scan (e.g. no minimum wage configured). */
@Entity('scan_skips')
@Index(['scanId', 'shard'])
export class ScanSkip {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: number;

  @Column({ type: 'bigint' })
  scanId!: number;

  @Column({ type: 'integer' })
  shard!: number;

  @Column({ type: 'varchar', length: 64 })
  projectCode!: string;

  @Column({ type: 'varchar', length: 40 })
  rule!: string;

  @Column({ type: 'text' })
  reason!: string;
}
