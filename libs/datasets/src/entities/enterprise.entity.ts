import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ImportedRow } from './columns';

/** 企业. Created name-less when a project references an unknown credit code. */
@Entity('enterprises')
export class Enterprise extends ImportedRow {
  @PrimaryColumn({ type: 'char', length: 18 })
  uscc!: string;

  @Column({ type: 'text', default: '' })
  name!: string;

  @Column({ type: 'char', length: 6, nullable: true })
  regionCode!: string | null;
}
