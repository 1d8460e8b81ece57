import { Module } from '@nestjs/common';
import { CalendarController } from './calendar.controller';
import { WorkingCalendar } from './working-calendar.service';

/** The PRC working-day calendar: shipped holiday files, admin edits, deadline arithmetic. */
@Module({
  controllers: [CalendarController],
  providers: [WorkingCalendar],
  exports: [WorkingCalendar],
})
export class CalendarModule {}
