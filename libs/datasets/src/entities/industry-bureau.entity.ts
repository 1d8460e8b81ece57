import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ImportedRow } from './columns';
import { Industry } from './enums';

/** 行业主管部门 (住建/水务/交通): receives joint notices for the industries it regulates. */
@Entity('industry_bureaus')
@Index(['regionCode'])
export class IndustryBureau extends ImportedRow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  bureauCode!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'char', length: 6 })
  regionCode!: string;

  @Column({ type: 'text', array: true })
  industries!: Industry[];

  @Column({ type: 'text', nullable: true })
  webhookUrl!: string | null;
}
