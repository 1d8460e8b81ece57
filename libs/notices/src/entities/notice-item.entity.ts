import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One alert on a notice. Rule, severity and evidence are frozen at issue time so the
 * printed document and the API show what the bureau was actually sent.
 */
@Entity('notice_items')
@Index(['noticeId', 'alertId'], { unique: true })
@Index(['alertId'])
export class NoticeItem {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: number;

  @Column({ type: 'bigint' })
  noticeId!: number;

  @Column({ type: 'bigint' })
  alertId!: number;

  @Column({ type: 'varchar', length: 64 })
  projectCode!: string;

  @Column({ type: 'varchar', length: 40 })
  rule!: string;

  @Column({ type: 'varchar', length: 8 })
  severity!: string;

  /** Evidence as sent (already masked at the source: workers carry masked id numbers). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  evidence!: Record<string, unknown>;

  /** What the labour side asks the bureau to do (see requested-actions.ts). */
  @Column({ type: 'text' })
  requestedAction!: string;

  /** The bureau's per-project outcome from its reply. */
  @Column({ type: 'text', nullable: true })
  outcome!: string | null;
}
