import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsObject, IsOptional, IsString } from 'class-validator';

/** PUT /api/v1/calendar/{year}: replaces the whole year. */
export class PutCalendarYearDto {
  @ApiProperty({ type: [String], example: ['2026-10-01', '2026-10-02'], description: 'Days off (whole blocks, weekends inside them included)' })
  @IsArray()
  @ArrayMaxSize(366)
  @IsString({ each: true })
  holidays!: string[];

  @ApiProperty({ type: [String], example: ['2026-10-10'], description: 'Make-up working days (调休上班), Saturdays or Sundays only' })
  @IsArray()
  @ArrayMaxSize(120)
  @IsString({ each: true })
  workdays!: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, example: { '2026-10-01': '国庆节' } })
  @IsOptional()
  @IsObject()
  notes?: Record<string, string>;

  @ApiPropertyOptional({ description: 'Still a guess (official schedule not published); default false' })
  @IsOptional()
  @IsBoolean()
  provisional?: boolean;
}

export class CalendarYearResponse {
  @ApiProperty() year!: number;
  @ApiProperty() provisional!: boolean;
  @ApiProperty({ nullable: true, type: String }) source!: string | null;
  @ApiProperty() updatedAt!: Date;
  @ApiProperty({ type: [String] }) holidays!: string[];
  @ApiProperty({ type: [String] }) workdays!: string[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) notes!: Record<string, string>;
}
