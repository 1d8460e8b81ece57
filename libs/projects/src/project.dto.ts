import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export const RISK_LEVEL_FILTERS = ['red', 'orange', 'yellow', 'none'] as const;

export class ProjectListQueryDto {
  @ApiPropertyOptional({ description: 'Region code or prefix (e.g. 4201 for all of Wuhan)', example: '4201' })
  @IsOptional()
  @Matches(/^\d{2,6}$/, { message: 'regionCode must be 2-6 digits of an administrative division code, such as 420113' })
  regionCode?: string;

  @ApiPropertyOptional({ enum: RISK_LEVEL_FILTERS })
  @IsOptional()
  @IsIn(RISK_LEVEL_FILTERS, { message: 'riskLevel must be one of red, orange, yellow, none' })
  riskLevel?: (typeof RISK_LEVEL_FILTERS)[number];

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be a whole number such as 1' })
  @Min(1, { message: 'page must be 1 or more' })
  page = 1;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize must be a whole number such as 50' })
  @Min(1, { message: 'pageSize must be between 1 and 500' })
  @Max(500, { message: 'pageSize must be between 1 and 500' })
  pageSize = 50;
}
