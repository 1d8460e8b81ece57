import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { DEFAULT_KEY_DATASETS, KEY_DATASETS } from '../api-key-scope';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'China Construction Bank payroll feed', description: 'Who uses the key (shown in lists and audit)' })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @ApiPropertyOptional({
    description: `Datasets the key may load (default ${DEFAULT_KEY_DATASETS.join(', ')}); inspection_units, industry_bureaus and watchlist are for admins only`,
    example: ['payroll', 'attendance'],
  })
  @IsOptional()
  @IsArray({ message: 'datasets must be a list of dataset names' })
  @ArrayNotEmpty({ message: 'datasets must name at least one dataset (omit it for the default list)' })
  @ArrayUnique({ message: 'datasets must not repeat a dataset' })
  @IsIn(KEY_DATASETS, {
    each: true,
    message: `datasets may contain only ${KEY_DATASETS.join(', ')} (inspection_units, industry_bureaus and watchlist are loaded by admins only)`,
  })
  datasets?: string[];

  @ApiPropertyOptional({ description: 'Projects the key may load rows for (default: every project unless contractorUscc is given)', example: ['P-2026-001'] })
  @IsOptional()
  @IsArray({ message: 'projectCodes must be a list of project codes' })
  @ArrayNotEmpty({ message: 'projectCodes must list at least one project (omit it for no list)' })
  @ArrayMaxSize(10_000, { message: 'projectCodes may list at most 10000 projects; use contractorUscc for a contractor with many' })
  @Matches(/^[\w.-]{1,64}$/, { each: true, message: 'projectCodes must be project codes (letters, digits, _ . -, at most 64)' })
  projectCodes?: string[];

  @ApiPropertyOptional({ description: "A general contractor's unified social credit code: the key may load rows for all of its projects", example: '91420100MA4KXXXX0X' })
  @IsOptional()
  @Matches(/^[0-9A-HJ-NPQRTUWXY]{18}$/, { message: 'contractorUscc must be an 18-character unified social credit code' })
  contractorUscc?: string;
}

export class ApiKeyView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'First characters of the key, to tell keys apart' }) prefix!: string;
  @ApiProperty({ type: [String], description: 'Datasets the key may load' }) datasets!: string[];
  @ApiProperty({ type: [String], nullable: true, description: 'Projects the key may load rows for (null: no list)' }) projectCodes!: string[] | null;
  @ApiProperty({ type: String, nullable: true, description: "General contractor whose projects the key may load (null: none)" }) contractorUscc!: string | null;
  @ApiProperty({ nullable: true, type: String }) createdBy!: string | null;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ nullable: true, type: Date }) revokedAt!: Date | null;
}

export class CreatedApiKeyView extends ApiKeyView {
  @ApiProperty({ description: 'The key itself; shown only in this response, store it now' })
  key!: string;
}
