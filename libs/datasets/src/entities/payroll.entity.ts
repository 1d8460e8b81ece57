import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateColumn, FenColumn, ImportedRow, SealedColumn } from './columns';
import { PaidVia } from './enums';

/**
 * 工资发放: one row per worker per project per month; `period` is the first day of the
 * month. A paid amount counts for a scan only when paid_on is set and ≤ its as-of date.
 */
@Entity('payroll')
@Index(['period', 'projectCode'])
export class Payroll extends ImportedRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  projectCode!: string;

  @PrimaryColumn({ type: 'bytea' })
  idHash!: Buffer;

  @PrimaryColumn({ type: 'date' })
  period!: string;

  @SealedColumn()
  idEnc!: Buffer;

  @Column({ type: 'varchar', length: 18 })
  idMasked!: string;

  @FenColumn()
  payableFen!: number;

  @FenColumn()
  paidFen!: number;

  @DateColumn({ nullable: true })
  paidOn!: string | null;

  @Column({ type: 'varchar', length: 20, default: 'dedicated_account' })
  paidVia!: PaidVia;
}
