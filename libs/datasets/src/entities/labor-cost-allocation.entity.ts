import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateColumn, FenColumn, ImportedRow } from './columns';

/** 人工费用拨付 into the dedicated account. Natural key: (project_code, txn_ref). */
@Entity('labor_cost_allocations')
@Index(['projectCode', 'txnRef'], { unique: true })
@Index(['projectCode', 'paidOn'])
export class LaborCostAllocation extends ImportedRow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  projectCode!: string;

  @Column({ type: 'varchar', length: 64 })
  txnRef!: string;

  @DateColumn()
  paidOn!: string;

  @FenColumn()
  amountFen!: number;
}
