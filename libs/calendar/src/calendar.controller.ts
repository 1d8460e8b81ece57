import { BadRequestException, Body, Controller, Get, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Role, Roles } from '@wage/auth';
import { calendarYearProblems } from './calendar-year';
import { CalendarYearResponse, PutCalendarYearDto } from './calendar.dto';
import { CalendarYearView, WorkingCalendar } from './working-calendar.service';

const yearPipe = new ParseIntPipe({
  exceptionFactory: () => new BadRequestException('year must be a four-digit year such as 2026'),
});

function checkYear(year: number): void {
  if (year < 2000 || year > 2100) throw new BadRequestException('year must be between 2000 and 2100');
}

/** The holiday calendar deadlines are counted in. Everyone signed in may read it; admins edit it. */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: WorkingCalendar) {}

  @Get(':year')
  @Roles(Role.Admin, Role.Auditor, Role.BrigadeLead, Role.Inspector, Role.BureauOfficer)
  @ApiOperation({ summary: "One year's public holidays and make-up working days" })
  @ApiOkResponse({ type: CalendarYearResponse })
  get(@Param('year', yearPipe) year: number): Promise<CalendarYearView> {
    checkYear(year);
    return this.calendar.getYear(year);
  }

  @Put(':year')
  @Roles(Role.Admin)
  @ApiOperation({ summary: "Replace one year's public holidays and make-up working days (admin)" })
  @ApiOkResponse({ type: CalendarYearResponse })
  put(
    @Param('year', yearPipe) year: number,
    @Body() body: PutCalendarYearDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CalendarYearView> {
    checkYear(year);
    const problems = calendarYearProblems({ year, ...body });
    if (problems.length > 0) throw new BadRequestException(problems);
    return this.calendar.replaceYear({ year, ...body }, principal.name);
  }
}
