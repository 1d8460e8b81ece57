import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageQueryDto } from '@wage/ops';

export const RISK_LEVEL_FILTERS = ['red', 'orange', 'yellow', 'none'] as const;

export class ProjectListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Region code or prefix (e.g. 4201 for all of Wuhan)', example: '4201' })
  @IsOptional()
  @Matches(/^\d{2,6}$/, { message: 'regionCode must be 2-6 digits of an administrative division code, such as 420113' })
  regionCode?: string;

  @ApiPropertyOptional({ enum: RISK_LEVEL_FILTERS })
  @IsOptional()
  @IsIn(RISK_LEVEL_FILTERS, { message: 'riskLevel must be one of red, orange, yellow, none' })
  riskLevel?: (typeof RISK_LEVEL_FILTERS)[number];


}
