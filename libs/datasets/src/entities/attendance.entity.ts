import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ImportedRow, SealedColumn } from './columns';

/**
 * 考勤, monthly roll-up. `period` is the first day of the month. Rows for ID numbers
 * not registered on the project are kept on purpose: the rules flag them.
 */
@Entity('attendance')
@Index(['period', 'projectCode'])
export class Attendance extends ImportedRow {
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

  @Column({ type: 'smallint' })
  daysWorked!: number;
}

