import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An in-app notification for one user (the bell in the console). */
@Entity('notifications')
@Index(['userId', 'createdAt'])
@Index(['userId'], { where: '"read_at" IS NULL' })
export class Notification {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: number;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'bigint', nullable: true })
  alertId!: number | null;

  @Column({ type: 'bigint', nullable: true })
  noticeId!: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}
