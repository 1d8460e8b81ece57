import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsIn, IsOptional, Matches } from 'class-validator';
import { ALERT_STATUSES, AlertStatus, SEVERITIES, Severity } from '../entities/alert-enums';
import { PageQueryDto } from '@wage/ops';

const commaList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter((s) => s !== '') : value;

/** Filters of GET /api/v1/alerts (api.md). */
export class AlertListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Comma list of statuses', example: 'open,acknowledged' })
  @IsOptional()
  @Transform(commaList)
  @IsArray()
  @ArrayNotEmpty({ message: 'status must list at least one status' })
  @IsIn(ALERT_STATUSES, { each: true, message: `status must be a comma list of ${ALERT_STATUSES.join(', ')}` })
  status?: AlertStatus[];

  @ApiPropertyOptional({ example: 'PAY_RATIO_LOW' })
  @IsOptional()
  @Matches(/^[A-Z_]{3,40}$/, { message: 'rule must be a rule code such as PAY_RATIO_LOW' })
  rule?: string;

  @ApiPropertyOptional({ description: 'Comma list of severities', example: 'red' })
  @IsOptional()
  @Transform(commaList)
  @IsArray()
  @IsIn(SEVERITIES, { each: true, message: 'severity must be a comma list of red, orange, yellow' })
  severity?: Severity[];

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[\w.-]{1,64}$/, { message: 'projectCode must be a project code (letters, digits, _ . -)' })
  projectCode?: string;

  @ApiPropertyOptional({ description: 'Region code or prefix', example: '4201' })
  @IsOptional()
  @Matches(/^\d{2,6}$/, { message: 'regionCode must be 2-6 digits of an administrative division code, such as 420113' })
  regionCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[\w.-]{1,64}$/, { message: 'unitCode must be an inspection unit code' })
  unitCode?: string;

  @ApiPropertyOptional({ example: '2026-10' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period must be a month written YYYY-MM, such as 2026-10' })
  period?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ enum: ['project'] })
  @IsOptional()
  @IsIn(['project'], { message: 'groupBy must be project' })
  groupBy?: 'project';

  @ApiPropertyOptional({ description: 'nextCursor of an earlier page: the pageSize alerts after it in queue order (page is then not used)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,400}$/, { message: 'cursor must be the nextCursor of an earlier page of this list' })
  cursor?: string;

}
