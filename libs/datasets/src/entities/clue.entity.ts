import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateColumn, FenColumn, ImportedRow } from './columns';
import { ClueSource } from './enums';

/** 欠薪线索: complaints and national-platform clues. */
@Entity('clues')
@Index(['projectCode', 'receivedOn'])
export class Clue extends ImportedRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  clueId!: string;

  @DateColumn()
  receivedOn!: string;

  @Column({ type: 'varchar', length: 20 })
  source!: ClueSource;

  @Column({ type: 'char', length: 6 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  projectCode!: string | null;

  @Column({ type: 'char', length: 18, nullable: true })
  employerUscc!: string | null;

  @Column({ type: 'integer' })
  workersInvolved!: number;

  @FenColumn({ nullable: true })
  amountClaimedFen!: number | null;

  @Column({ type: 'text', nullable: true })
  summary!: string | null;
}
