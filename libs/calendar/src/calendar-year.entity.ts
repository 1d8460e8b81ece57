import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Which years the calendar holds and where they came from. A year is seeded from the
 * shipped file only when it has no row here, so an admin's edit is never overwritten.
 */
@Entity('calendar_years')
export class CalendarYearRow {
  @PrimaryColumn({ type: 'int' })
  year!: number;

  /** A derived guess until the State Council publishes the year. */
  @Column({ type: 'boolean', default: false })
  provisional!: boolean;

  /** Shipped file's source text, or "edited by <admin>". */
  @Column({ type: 'text', nullable: true })
  source!: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
