import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BlindIndexColumn, DateColumn, ImportedRow, SealedColumn } from './columns';

/** 农民工工资专用账户. Natural key: (project_code, account number) via its blind index. */
@Entity('wage_accounts')
@Index(['projectCode', 'accountNumberHash'], { unique: true })
export class WageAccount extends ImportedRow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  projectCode!: string;

  @Column({ type: 'text' })
  bankName!: string;

  @SealedColumn()
  accountNumberEnc!: Buffer;

  @BlindIndexColumn()
  accountNumberHash!: Buffer;

  @Column({ type: 'varchar', length: 32 })
  accountNumberMasked!: string;

  @DateColumn()
  openedOn!: string;

  @DateColumn({ nullable: true })
  filedOn!: string | null;
}
