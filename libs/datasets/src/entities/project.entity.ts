import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateColumn, FenColumn, ImportedRow } from './columns';
import { Industry, ProjectStatus } from './enums';

/** 工程项目. Keyed by its project code, which every other dataset references. */
@Entity('projects')
@Index(['regionCode'])
@Index(['status'])
export class Project extends ImportedRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  projectCode!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'char', length: 6 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 12, nullable: true })
  streetCode!: string | null;

  @Column({ type: 'varchar', length: 16 })
  industry!: Industry;

  @Column({ type: 'char', length: 18 })
  constructionUnitUscc!: string;

  @Column({ type: 'char', length: 18 })
  generalContractorUscc!: string;

  @FenColumn()
  contractAmountFen!: number;

  @DateColumn()
  contractSignedOn!: string;

  @DateColumn({ nullable: true })
  startedOn!: string | null;

  @DateColumn({ nullable: true })
  plannedEndOn!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: ProjectStatus;

  @Column({ type: 'boolean', default: false })
  noticeBoardPosted!: boolean;
}
