import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CLUE_SOURCES } from '@wage/datasets';
import { CLUE_STATUSES, ClueStatus } from '../clue-enums';

const list = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** GET /api/v1/clues filters (clues.md "HTTP"), plus `unrouted` and `assignee=me`. */
export class ClueListQueryDto {
  @ApiPropertyOptional({ description: 'Comma list of statuses', example: 'received,accepted' })
  @IsOptional()
  @Transform(list)
  @IsIn(CLUE_STATUSES, { each: true, message: `status must be a comma list of ${CLUE_STATUSES.join(', ')}` })
  status?: ClueStatus[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(32)
  unitCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  projectCode?: string;

  @ApiPropertyOptional({ enum: CLUE_SOURCES })
  @IsOptional()
  @IsIn(CLUE_SOURCES, { message: `source must be one of ${CLUE_SOURCES.join(', ')}` })
  source?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'dueSoon must be true or false' })
  dueSoon?: 'true' | 'false';

  @ApiPropertyOptional({ enum: ['true'], description: 'Only cases no unit covers (admins see them)' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'unrouted must be true or false' })
  unrouted?: 'true' | 'false';

  @ApiPropertyOptional({ description: '"me": only cases assigned to the caller' })
  @IsOptional()
  @IsIn(['me'], { message: 'assignee can only be "me"' })
  assignee?: 'me';

  @ApiPropertyOptional({ example: '2026-01-01' })
  @IsOptional()
  @Matches(DATE, { message: 'receivedFrom must be a date written YYYY-MM-DD' })
  receivedFrom?: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @Matches(DATE, { message: 'receivedTo must be a date written YYYY-MM-DD' })
  receivedTo?: string;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be a whole number' })
  @Min(1, { message: 'page must be 1 or more' })
  page: number = 1;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize must be a whole number' })
  @Min(1, { message: 'pageSize must be 1 or more' })
  @Max(500, { message: 'pageSize must be at most 500' })
  pageSize: number = 50;
}
