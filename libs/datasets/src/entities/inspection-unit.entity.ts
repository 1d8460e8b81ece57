import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ImportedRow } from './columns';
import { UnitKind } from './enums';

/** 劳动保障监察机构: a county brigade (大队) or a street team (中队). Routing reference data. */
@Entity('inspection_units')
@Index(['regionCode'])
export class InspectionUnit extends ImportedRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  unitCode!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: UnitKind;

  @Column({ type: 'char', length: 6 })
  regionCode!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  streetCodes!: string[];

  @Column({ type: 'varchar', length: 64, nullable: true })
  parentUnitCode!: string | null;

  @Column({ type: 'text', nullable: true })
  webhookUrl!: string | null;
}
