import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Role } from '../roles';

/** A person who logs in. Submitters are not users: they are API keys. */
@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  username!: string;

  /** argon2id encoded hash (algorithm, parameters and salt included). */
  @Column({ type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 32 })
  role!: Role;

  /** Inspection unit (brigade or street team) of inspectors and brigade leads. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  unitCode!: string | null;

  /** Industry bureau of bureau officers. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  bureauCode!: string | null;

  /** May read personal data unmasked; every such read is audit-logged. */
  @Column({ type: 'boolean', default: false })
  canUnmask!: boolean;

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  /**
   * Carried in every access token (claim `ver`) and compared on every request: a password
   * change, disabling the user or a role change increments it, so older tokens end (401).
   */
  @Column({ type: 'integer', default: 0 })
  tokenVersion!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
