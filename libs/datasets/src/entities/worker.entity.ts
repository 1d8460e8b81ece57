import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BlindIndexColumn, DateColumn, ImportedRow, SealedColumn } from './columns';

/**
 * 实名制登记: one row per worker per project. ID and bank numbers are sealed, indexed
 * by HMAC and stored masked for display. Natural key: (project_code, id_hash).
 */
@Entity('workers')
@Index(['projectCode', 'idHash'], { unique: true })
@Index(['idHash'])
export class Worker extends ImportedRow {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  projectCode!: string;

  @BlindIndexColumn()
  idHash!: Buffer;

  @SealedColumn()
  idEnc!: Buffer;

  @Column({ type: 'varchar', length: 18 })
  idMasked!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'char', length: 18 })
  employerUscc!: string;

  @Column({ type: 'text', nullable: true })
  teamName!: string | null;

  @BlindIndexColumn({ nullable: true })
  teamLeaderIdHash!: Buffer | null;

  @SealedColumn({ nullable: true })
  teamLeaderIdEnc!: Buffer | null;

  @Column({ type: 'varchar', length: 18, nullable: true })
  teamLeaderIdMasked!: string | null;

  @Column({ type: 'text', nullable: true })
  trade!: string | null;

  @DateColumn()
  enteredOn!: string;

  @DateColumn({ nullable: true })
  exitedOn!: string | null;

  @Column({ type: 'boolean', default: false })
  contractSigned!: boolean;

  /** Blind index of the card number: lets a re-import tell a changed card from an unchanged one. */
  @BlindIndexColumn({ nullable: true })
  bankCardHash!: Buffer | null;

  @SealedColumn({ nullable: true })
  bankCardEnc!: Buffer | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  bankCardMasked!: string | null;
}
