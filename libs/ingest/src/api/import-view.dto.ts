import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IMPORT_STATUSES, ImportStatus } from '../entities/import.entity';
import { RowErrorCode } from '../validation/error-codes';

export class SubmitImportQuery {
  @ApiPropertyOptional({ description: 'All or nothing: any row error rejects the whole file', enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false', '1', '0'], { message: 'atomic must be true or false' })
  atomic?: string;
}

export class ListImportsQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be a whole number from 1' })
  @Min(1, { message: 'page must be a whole number from 1' })
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize must be a whole number from 1 to 200' })
  @Min(1, { message: 'pageSize must be a whole number from 1 to 200' })
  @Max(200, { message: 'pageSize must be a whole number from 1 to 200' })
  pageSize?: number;
}

export class ImportAcceptedDto {
  @ApiProperty() id!: number;
  @ApiProperty({ enum: ['queued'] }) status!: 'queued';
}

export class ImportRowErrorDto {
  @ApiProperty({ description: 'Row number as seen in the file (header = row 1)' }) row!: number;
  @ApiProperty({ description: 'Canonical column name; empty for a whole-row problem' }) column!: string;
  @ApiProperty({ enum: RowErrorCode }) code!: string;
  @ApiProperty() message!: string;
}

export class ImportSummaryDto {
  @ApiProperty() id!: number;
  @ApiProperty() dataset!: string;
  @ApiProperty({ enum: IMPORT_STATUSES }) status!: ImportStatus;
  @ApiProperty() atomic!: boolean;
  @ApiProperty() fileName!: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Data rows in the file; known once it has been read' }) rowsTotal!: number | null;
  @ApiProperty({ description: 'Progress: rows read so far' }) rowsProcessed!: number;
  @ApiProperty() rowsAccepted!: number;
  @ApiProperty() rowsRejected!: number;
  @ApiProperty({ type: [String] }) warnings!: string[];
  @ApiProperty({ nullable: true, type: String, description: 'Why the whole import failed' }) errorMessage!: string | null;
  @ApiProperty({ description: 'Who submitted it: user or api_key, and its name' }) submittedBy!: { kind: string; name: string };
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ nullable: true, type: Date }) startedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date }) finishedAt!: Date | null;
}

export class ImportDetailDto extends ImportSummaryDto {
  @ApiProperty({ type: [ImportRowErrorDto], description: 'The first 100 errors; all of them at /errors.csv' })
  errors!: ImportRowErrorDto[];
}

export class ImportListDto {
  @ApiProperty({ type: [ImportSummaryDto] }) items!: ImportSummaryDto[];
  @ApiProperty() total!: number;
}
