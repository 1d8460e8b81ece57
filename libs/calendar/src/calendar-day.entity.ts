import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

export type CalendarDayKind = 'holiday' | 'workday';

/**
 * An exception to "Monday–Friday is a working day": a public holiday, or an official
 * make-up working day (调休上班). Seeded from libs/calendar/data; admins may edit.
 */
@Entity('calendar_days')
@Check('CHK_calendar_days_kind', `"kind" IN ('holiday', 'workday')`)
export class CalendarDay {
  @PrimaryColumn({ type: 'date' })
  date!: string;

  /** 'holiday' | 'workday' */
  @Column({ type: 'varchar', length: 8 })
  kind!: CalendarDayKind;

  @Column({ type: 'text', nullable: true })
  note!: string | null;
}
