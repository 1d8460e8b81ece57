import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { SEVERITIES } from '@wage/alerts';
import { INDUSTRIES } from '@wage/datasets';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';

export class CreateRoutingOverrideDto {
  @ApiProperty({ description: 'Order in which overrides are tried (lowest first); the first match wins', example: 10 })
  @IsInt({ message: 'position must be a whole number (lowest is tried first)' })
  @Min(0, { message: 'position must be 0 or more' })
  position!: number;

  @ApiPropertyOptional({ description: 'Matches projects whose region code starts with this', example: '4201' })
  @IsOptional()
  @Matches(/^\d{1,6}$/, { message: 'regionPrefix must be 1-6 digits of a region code, such as 4201' })
  regionPrefix?: string | null;

  @ApiPropertyOptional({ enum: INDUSTRIES })
  @IsOptional()
  @IsIn(INDUSTRIES, { message: `industry must be one of ${INDUSTRIES.join(', ')}` })
  industry?: string | null;

  @ApiPropertyOptional({ description: 'Rule code (rules.md)', example: 'PAY_RATIO_LOW' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,39}$/, { message: 'rule must be a rule code such as PAY_RATIO_LOW' })
  rule?: string | null;

  @ApiPropertyOptional({ enum: SEVERITIES, description: 'Matches alerts at least this severe' })
  @IsOptional()
  @IsIn(SEVERITIES, { message: `minSeverity must be one of ${SEVERITIES.join(', ')}` })
  minSeverity?: string | null;

  @ApiProperty({ description: 'Inspection unit the matching alerts go to', example: 'WH-HY-01' })
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'unitCode must be the code of an inspection unit' })
  unitCode!: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;

  @ApiPropertyOptional({ description: 'Why this override exists' })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'note must be at most 500 characters' })
  note?: string | null;
}

export class UpdateRoutingOverrideDto extends PartialType(CreateRoutingOverrideDto) {}
