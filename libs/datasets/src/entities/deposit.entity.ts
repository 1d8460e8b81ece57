import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateColumn, FenColumn, ImportedRow } from './columns';
import { DepositForm } from './enums';

/** 工资保证金. Natural key: (project_code, contractor_uscc, valid_from). */
@Entity('deposits')
@Index(['projectCode', 'contractorUscc', 'validFrom'], { unique: true })
export class Deposit extends ImportedRow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  projectCode!: string;

  @Column({ type: 'char', length: 18 })
  contractorUscc!: string;

  @Column({ type: 'varchar', length: 16 })
  form!: DepositForm;

  @FenColumn()
  amountFen!: number;

  @DateColumn()
  validFrom!: string;

  /** Open-ended when null. */
  @DateColumn({ nullable: true })
  validUntil!: string | null;
}
