import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateColumn, ImportedRow, SealedColumn } from './columns';
import { Watchlist, WatchlistSubjectType } from './enums';

/**
 * 失信名单 / 不良班组. `subjectKey` is the USCC of an enterprise, or the hex blind index
 * of a person's ID number (so rules join either kind on one column without decrypting).
 * `expiresOn` is stored as given; the 3-year default of the arrears blacklist is
 * applied by the rules, so changing the policy needs no data migration.
 */
@Entity('watchlist_entries')
@Index(['subjectType', 'subjectKey', 'list'], { unique: true })
export class WatchlistEntry extends ImportedRow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: number;

  @Column({ type: 'varchar', length: 16 })
  subjectType!: WatchlistSubjectType;

  @Column({ type: 'varchar', length: 64 })
  subjectKey!: string;

  /** Ciphertext of a person's ID number; null for enterprises. */
  @SealedColumn({ nullable: true })
  subjectIdEnc!: Buffer | null;

  /** USCC, or the masked ID number. */
  @Column({ type: 'varchar', length: 18 })
  subjectDisplay!: string;

  @Column({ type: 'varchar', length: 32 })
  list!: Watchlist;

  @DateColumn()
  listedOn!: string;

  @DateColumn({ nullable: true })
  expiresOn!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;
}
