import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const SCAN_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type ScanStatus = (typeof SCAN_STATUSES)[number];
export type ScanTrigger = 'manual' | 'scheduled';

/** Rules skipped for some projects, aggregated per (rule, reason) for the scan report. */
export interface SkippedSummary {
  rule: string;
  reason: string;
  count: number;
  /** Up to 5 project codes, for an operator to look at. */
  sampleProjects: string[];
}

/**
 * One run of the rule catalogue as of a date. At most one scan per as-of date is queued
 * or running at a time (partial unique index); finished scans stay as history.
 */
@Entity('scans')
@Index('UQ_scans_active_as_of', ['asOf'], { unique: true, where: `"status" IN ('queued', 'running')` })
@Index(['createdAt'])
export class Scan {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: number;

  @Column({ type: 'date' })
  asOf!: string;

  /** Assessed period P: first day of the month before asOf's month. */
  @Column({ type: 'date' })
  period!: string;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status!: ScanStatus;

  @Column({ type: 'varchar', length: 16 })
  trigger!: ScanTrigger;

  @Column({ type: 'varchar', length: 128, nullable: true })
  requestedBy!: string | null;

  @Column({ type: 'integer' })
  shardCount!: number;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'integer', nullable: true })
  durationMs!: number | null;

  @Column({ type: 'integer', default: 0 })
  projectsScanned!: number;

  @Column({ type: 'integer', default: 0 })
  alertsRaised!: number;

  @Column({ type: 'integer', default: 0 })
  alertsUpdated!: number;

  @Column({ type: 'integer', default: 0 })
  alertsCleared!: number;

  /** Findings of this scan per rule code. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  byRule!: Record<string, number>;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  skipped!: SkippedSummary[];

  /** Projects the bank reconciliation rules were evaluated for (they had a bank feed as of asOf). */
  @Column({ type: 'integer', default: 0 })
  bankFeedProjects!: number;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
