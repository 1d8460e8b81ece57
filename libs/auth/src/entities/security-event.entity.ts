import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only audit log of security-relevant events (logins, user and key changes,
 * unmasked personal-data reads). A migration installs a trigger refusing UPDATE and
 * DELETE, so not even the service can rewrite history.
 */
@Entity('security_events')
@Index(['at'])
@Index(['event', 'at'])
export class SecurityEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;

  /** e.g. login.succeeded, login.failed, login.throttled, user.created, api_key.revoked, pii.unmasked */
  @Column({ type: 'varchar', length: 64 })
  event!: string;

  /** 'user' | 'api_key' | 'anonymous' | 'system' */
  @Column({ type: 'varchar', length: 16 })
  actorKind!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  actorId!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  actorName!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  data!: Record<string, unknown> | null;
}
