import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Last notice number used per bureau and year; incremented with an upsert under the generation lock. */
@Entity('notice_sequences')
export class NoticeSequence {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  bureauCode!: string;

  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @Column({ type: 'integer' })
  lastNumber!: number;
}
