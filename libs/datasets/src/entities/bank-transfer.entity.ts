import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BlindIndexColumn, DateColumn, FenColumn, ImportedRow, SealedColumn } from './columns';
import { BankTransferStatus } from './enums';

/**
 * 专户代发明细: one transfer the bank reports out of an account (normally a project's
 * wage account). Natural key: (project_code, txn_ref). The paying account, the payee's
 * ID and card are sealed, blind-indexed (the rules join on the hashes) and masked.
 * `period` (first day of the month) is set only when the bank's batch names the month.
 */
@Entity('bank_transfers')
@Index(['projectCode', 'txnRef'], { unique: true })
@Index(['projectCode', 'transferredOn'])
@Index(['projectCode', 'payeeIdHash'])
// P's transfers that name their month (PAYROLL_UNVERIFIED), partial (period IS NOT NULL),
// hand-written in migration BankTransfersPeriodIndex: not synchronised.
@Index('IDX_bank_transfers_period', { synchronize: false })
export class BankTransfer extends ImportedRow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  projectCode!: string;

  @Column({ type: 'varchar', length: 64 })
  txnRef!: string;

  @SealedColumn()
  accountNumberEnc!: Buffer;

  @BlindIndexColumn()
  accountNumberHash!: Buffer;

  @Column({ type: 'varchar', length: 32 })
  accountNumberMasked!: string;

  @DateColumn()
  transferredOn!: string;

  @BlindIndexColumn()
  payeeIdHash!: Buffer;

  @SealedColumn()
  payeeIdEnc!: Buffer;

  @Column({ type: 'varchar', length: 18 })
  payeeIdMasked!: string;

  @Column({ type: 'text', nullable: true })
  payeeName!: string | null;

  @BlindIndexColumn({ nullable: true })
  payeeCardHash!: Buffer | null;

  @SealedColumn({ nullable: true })
  payeeCardEnc!: Buffer | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  payeeCardMasked!: string | null;

  @FenColumn()
  amountFen!: number;

  @DateColumn({ nullable: true })
  period!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'succeeded' })
  status!: BankTransferStatus;
}
