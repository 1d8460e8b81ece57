import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RESOLUTION_CODES, ResolutionCode } from '@wage/alerts';
import { yuanToFen } from '@wage/money';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { WORKFLOW_ACTIONS, WorkflowAction } from '../transitions';

@ValidatorConstraint({ name: 'yuanAmount' })
class YuanAmount implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return (typeof value === 'string' || typeof value === 'number') && yuanToFen(value) !== null;
  }
  defaultMessage(): string {
    return 'recoveredAmount must be an amount in yuan with at most 2 decimals, such as "31794000.50"';
  }
}

export class AlertActionDto {
  @ApiProperty({ enum: WORKFLOW_ACTIONS })
  @IsIn(WORKFLOW_ACTIONS, { message: `action must be one of ${WORKFLOW_ACTIONS.join(', ')}` })
  action!: WorkflowAction;

  @ApiPropertyOptional({ enum: RESOLUTION_CODES, description: 'Required for resolve; "other" needs a note' })
  @IsOptional()
  @IsIn(RESOLUTION_CODES, { message: `resolution must be one of ${RESOLUTION_CODES.join(', ')}` })
  resolution?: ResolutionCode;

  @ApiPropertyOptional({ description: 'Wages recovered, in yuan (resolve only)', example: '125000.00' })
  @IsOptional()
  @Validate(YuanAmount)
  recoveredAmount?: string | number;

  @ApiPropertyOptional({ description: 'Number of workers paid (resolve only)', example: 37 })
  @IsOptional()
  @IsInt({ message: 'workersPaid must be a whole number of workers' })
  @Min(0, { message: 'workersPaid must be 0 or more' })
  @Max(1_000_000, { message: 'workersPaid must be at most 1000000' })
  workersPaid?: number;

  @ApiPropertyOptional({ description: 'assign: user id or username of an inspector or brigade lead who can see the alert' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  assignee?: string;

  @ApiPropertyOptional({ description: 'suppress: mute until this date (YYYY-MM-DD, in the future)', example: '2026-12-31' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'until must be a date written YYYY-MM-DD' })
  until?: string;

  @ApiPropertyOptional({ description: 'Comment text, the reason of a suppression, or the explanation of resolution "other"' })
  @IsOptional()
  @IsString()
  @MaxLength(4000, { message: 'note must be at most 4000 characters' })
  note?: string;
}

export const BULK_ACTIONS = ['acknowledge', 'resolve'] as const;

export class ProjectBulkActionDto {
  @ApiProperty({ enum: BULK_ACTIONS })
  @IsIn(BULK_ACTIONS, { message: 'action must be acknowledge or resolve' })
  action!: (typeof BULK_ACTIONS)[number];

  @ApiPropertyOptional({ enum: RESOLUTION_CODES })
  @IsOptional()
  @IsIn(RESOLUTION_CODES, { message: `resolution must be one of ${RESOLUTION_CODES.join(', ')}` })
  resolution?: ResolutionCode;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000, { message: 'note must be at most 4000 characters' })
  note?: string;
}
