import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { ClueOutcome, ClueStatus, ClueStep } from '../clue-enums';

/**
 * The case of one clue (欠薪线索办理), keyed by `clue_id` of the `clues` dataset. The
 * clue's own fields (received_on, source, region, project, workers, amount, summary)
 * stay in `clues`, which imports update; this row holds only the workflow state, which
 * imports never touch. A database trigger creates it when the clue row is inserted.
 */
@Entity('clue_cases')
@Index(['status', 'unitCode'])
@Index(['nextDueAt'], { where: `"status" <> 'closed'` })
@Index(['needsIntake'], { where: '"needs_intake"' })
export class ClueCase {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  clueId!: string;

  @Column({ type: 'varchar', length: 16, default: 'received' })
  status!: ClueStatus;

  /** true until intake has routed the case and set its deadlines. */
  @Column({ type: 'boolean', default: true })
  needsIntake!: boolean;

  /** The inspection unit it is routed to; null = the unrouted queue. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  unitCode!: string | null;

  @Column({ type: 'text', nullable: true })
  routingReason!: string | null;

  @Column({ type: 'uuid', nullable: true })
  assigneeUserId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  contactedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  repliedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  repliedBy!: string | null;

  /** Reply outcome (or `duplicate` after a merge). Cleared when a reply is returned. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  outcome!: ClueOutcome | null;

  @Column({ type: 'text', nullable: true })
  replyNote!: string | null;

  /** Wages recovered by the reply, integer fen (reports sum it). */
  @Column({ type: 'bigint', nullable: true })
  recoveredFen!: number | null;

  @Column({ type: 'integer', nullable: true })
  workersPaid!: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  closedBy!: string | null;

  /** The surviving case when this one was merged as a duplicate. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  duplicateOf!: string | null;

  /** The result of the lead's first review of a reply (审核通过率): 'approved' | 'returned'. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  firstReview!: 'approved' | 'returned' | null;

  @Column({ type: 'timestamptz', nullable: true })
  firstReviewedAt!: Date | null;

  @Column({ type: 'integer', default: 0 })
  returnCount!: number;

  @Column({ type: 'boolean', default: false })
  extended!: boolean;

  @Column({ type: 'text', nullable: true })
  extensionReason!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  acceptDueAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  contactDueAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  replyDueAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewDueAt!: Date | null;

  /** The running deadline (of `nextStep`); null when closed. */
  @Column({ type: 'timestamptz', nullable: true })
  nextDueAt!: Date | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  nextStep!: ClueStep | null;

  @Column({ type: 'integer', default: 0 })
  escalationLevel!: number;

  /** The deadline the last escalation was for: each missed deadline escalates once. */
  @Column({ type: 'timestamptz', nullable: true })
  escalatedDueAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ default: 1 })
  version!: number;
}
