import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches, Validate, ValidatorConstraint, ValidatorConstraintInterface, ValidationArguments } from 'class-validator';
import { isIsoDate } from '@wage/calendar';
import { GROUP_BYS, GroupBy } from '../report-window';

@ValidatorConstraint({ name: 'calendarDate' })
class CalendarDate implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isIsoDate(value);
  }
  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must be a real date written YYYY-MM-DD, such as 2026-01-01`;
  }
}

/** Query of GET /api/v1/reports/summary and summary.xlsx (reports.md). */
export class ReportSummaryQueryDto {
  @ApiPropertyOptional({ description: 'First day (Asia/Shanghai, inclusive); default 1 January of the current year', example: '2026-01-01' })
  @IsOptional()
  @Validate(CalendarDate)
  from?: string;

  @ApiPropertyOptional({ description: 'Last day (Asia/Shanghai, inclusive); default today', example: '2026-12-31' })
  @IsOptional()
  @Validate(CalendarDate)
  to?: string;

  @ApiPropertyOptional({ enum: GROUP_BYS, default: 'none', description: 'Rows per inspection unit, region code, calendar month, or one row' })
  @IsOptional()
  @IsIn(GROUP_BYS, { message: `groupBy must be one of ${GROUP_BYS.join(', ')}` })
  groupBy?: GroupBy;

  @ApiPropertyOptional({ description: 'Only records whose region code starts with this (2–6 digits)', example: '4201' })
  @IsOptional()
  @Matches(/^\d{2,6}$/, { message: 'regionCode must be 2-6 digits of an administrative division code, such as 420113' })
  regionCode?: string;

  @ApiPropertyOptional({ description: 'Only records of this inspection unit (still within the caller’s scope)' })
  @IsOptional()
  @Matches(/^[\w.-]{1,64}$/, { message: 'unitCode must be an inspection unit code (letters, digits, _ . -)' })
  unitCode?: string;
}
