import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { INDUSTRIES, UNIT_KINDS } from '@wage/datasets';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength } from 'class-validator';

const CODE = /^[A-Za-z0-9_.-]{1,64}$/;
const REGION = /^\d{6}$/;

export class InspectionUnitDto {
  @ApiProperty({ example: 'WH-HY-01' })
  @Matches(CODE, { message: 'unitCode must be 1-64 letters, digits or _.- such as WH-HY-01' })
  unitCode!: string;

  @ApiProperty({ example: '汉阳区劳动保障监察大队' })
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name!: string;

  @ApiProperty({ enum: UNIT_KINDS })
  @IsIn(UNIT_KINDS, { message: `kind must be one of ${UNIT_KINDS.join(', ')}` })
  kind!: string;

  @ApiProperty({ example: '420105' })
  @Matches(REGION, { message: 'regionCode must be a 6-digit region code such as 420105' })
  regionCode!: string;

  @ApiPropertyOptional({ type: [String], description: 'Street codes a team covers', example: ['420105001'] })
  @IsOptional()
  @IsArray({ message: 'streetCodes must be a list of street codes' })
  @ArrayMaxSize(500)
  @Matches(/^\d{9,12}$/, { each: true, message: 'each street code must be 9-12 digits such as 420105001' })
  streetCodes?: string[];

  @ApiPropertyOptional({ description: 'The brigade a team belongs to' })
  @IsOptional()
  @Matches(CODE, { message: 'parentUnitCode must be the code of a brigade' })
  parentUnitCode?: string | null;

  @ApiPropertyOptional({ example: 'https://unit.example.gov.cn/hooks/wage' })
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'webhookUrl must be an http(s) URL' })
  webhookUrl?: string | null;
}

export class UpdateInspectionUnitDto extends PartialType(OmitType(InspectionUnitDto, ['unitCode'] as const)) {}

export class IndustryBureauDto {
  @ApiProperty({ example: 'WH-ZJ' })
  @Matches(CODE, { message: 'bureauCode must be 1-64 letters, digits or _.- such as WH-ZJ' })
  bureauCode!: string;

  @ApiProperty({ example: '武汉市城乡建设局' })
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name!: string;

  @ApiProperty({ example: '420100' })
  @Matches(REGION, { message: 'regionCode must be a 6-digit region code such as 420100' })
  regionCode!: string;

  @ApiProperty({ enum: INDUSTRIES, isArray: true })
  @IsArray({ message: 'industries must be a list' })
  @ArrayMinSize(1, { message: 'industries must list at least one industry' })
  @IsIn(INDUSTRIES, { each: true, message: `each industry must be one of ${INDUSTRIES.join(', ')}` })
  industries!: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: 'webhookUrl must be an http(s) URL' })
  webhookUrl?: string | null;
}

export class UpdateIndustryBureauDto extends PartialType(OmitType(IndustryBureauDto, ['bureauCode'] as const)) {}
