import { Column, PrimaryGeneratedColumn } from 'typeorm';

/** Columns of every per-shard staging row: which scan, which shard, which project. */
export abstract class ShardRow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: number;

  @Column({ type: 'bigint' })
  scanId!: number;

  @Column({ type: 'integer' })
  shard!: number;

  @Column({ type: 'varchar', length: 64 })
  projectCode!: string;
}
