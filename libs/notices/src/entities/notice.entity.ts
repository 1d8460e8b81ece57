import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Values stored in the database and returned by the API: never rename. */
export const NOTICE_STATUSES = ['sent', 'acknowledged', 'replied', 'overdue'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

/**
 * 联合督办通知: one per industry bureau per day, numbered per bureau per year
 * (〔2026〕第12号). Acknowledgement and reply are recorded here and mirrored as events on
 * each alert of the notice.
 */
@Entity('notices')
@Index(['bureauCode', 'issuedOn'], { unique: true })
@Index(['bureauCode', 'year', 'seq'], { unique: true })
@Index(['status', 'replyDueAt'])
export class Notice {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  bureauCode!: string;

  /** Display number, e.g. 〔2026〕第12号. */
  @Column({ type: 'varchar', length: 32 })
  number!: string;

  @Column({ type: 'integer' })
  year!: number;

  /** Position in the bureau's sequence for `year` (1, 2, ...). */
  @Column({ type: 'integer' })
  seq!: number;

  /** Business date (Asia/Shanghai) the notice was issued for. */
  @Column({ type: 'date' })
  issuedOn!: string;

  /** The labour bureau issuing the notice (LABOUR_BUREAU_NAME), frozen at issue time. */
  @Column({ type: 'text' })
  issuerName!: string;

  @Column({ type: 'timestamptz' })
  replyDueAt!: Date;

  @Column({ type: 'varchar', length: 16, default: 'sent' })
  status!: NoticeStatus;

  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  /** Principal id (user uuid) of the officer who acknowledged. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  acknowledgedBy!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  acknowledgedByName!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  repliedAt!: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  repliedBy!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  repliedByName!: string | null;

  @Column({ type: 'text', nullable: true })
  replyText!: string | null;

  /** Set once, when the overdue reminder went out (never twice). */
  @Column({ type: 'timestamptz', nullable: true })
  reminderSentAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
