import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ImportedRow, SealedColumn } from './columns';

/**
 * 考勤, monthly roll-up. `period` is the first day of the month. Rows for ID numbers
 * not registered on the project are kept on purpose: the rules flag them.
 *
 * One index, the primary key (project_code, period, id_hash), in that order: every read
 * names its projects and a period (or all of a project's), and a load writes one B-tree
 * per row (docs/decisions/attendance-one-index.md). The key's order is the properties'.
 */
@Entity('attendance')
export class Attendance extends ImportedRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  projectCode!: string;

  @PrimaryColumn({ type: 'date' })
  period!: string;

  @PrimaryColumn({ type: 'bytea' })
  idHash!: Buffer;

  @SealedColumn()
  idEnc!: Buffer;

  @Column({ type: 'varchar', length: 18 })
  idMasked!: string;

  @Column({ type: 'smallint' })
  daysWorked!: number;
}

