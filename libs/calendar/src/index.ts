export { CalendarModule } from './calendar.module';
export { WorkingCalendar, type CalendarYearView } from './working-calendar.service';
export { calendarYearProblems, readShippedCalendars, type CalendarYear } from './calendar-year';
export { BUSINESS_TZ, businessDateSql, businessMonth, businessMonthSql } from './business-time';
export {
  addCalendarDays,
  dayOfWeek,
  endOfShanghaiDay,
  isIsoDate,
  isWeekend,
  shanghaiDate,
  startOfShanghaiDay,
  WorkingDayRules,
  type IsoDate,
} from './working-days';
