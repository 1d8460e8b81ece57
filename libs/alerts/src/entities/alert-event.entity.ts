import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { AlertStatus } from './alert-enums';

/**
 * Append-only history of an alert: every change has one (who, when, from, to, note).
 * A migration installs a trigger that refuses UPDATE and DELETE on this table.
 */
@Entity('alert_events')
@Index(['alertId', 'at'])
// Reports: clearings and resolutions in a date range.
@Index(['action', 'at'])
export class AlertEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: number;

  @Column({ type: 'bigint' })
  alertId!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  /** 'user' | 'api_key' | 'scan' | 'system' */
  @Column({ type: 'varchar', length: 16 })
  actorKind!: string;

  /** User id, scan id, ... */
  @Column({ type: 'varchar', length: 64, nullable: true })
  actorId!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  actorName!: string | null;

  /** raised, updated, severity_changed, cleared, reopened, acknowledge, start, resolve, reopen, assign, comment, suppress, routed, rerouted, escalated, noticed, bureau_reply, ... */
  @Column({ type: 'varchar', length: 32 })
  action!: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  fromStatus!: AlertStatus | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  toStatus!: AlertStatus | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  data!: Record<string, unknown> | null;
}
