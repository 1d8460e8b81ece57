import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ClueStatus } from '../clue-enums';

/**
 * Append-only history of a clue case (who, when, from, to, note, data). A migration
 * installs a trigger that refuses UPDATE and DELETE, as for alert_events.
 */
@Entity('clue_events')
@Index(['clueId', 'at'])
@Index(['action', 'at'])
export class ClueEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  clueId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  /** 'user' | 'system' */
  @Column({ type: 'varchar', length: 16 })
  actorKind!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  actorId!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  actorName!: string | null;

  /** received, rerouted, accept, contact, reply, approve, return, merge, merged_in, assign, comment, extend, escalated */
  @Column({ type: 'varchar', length: 32 })
  action!: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  fromStatus!: ClueStatus | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  toStatus!: ClueStatus | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  data!: Record<string, unknown> | null;
}
