import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { CLUE_ACTIONS, CLUE_OUTCOMES, ClueAction, ReplyOutcome } from '../clue-enums';

@ValidatorConstraint({ name: 'clueYuanAmount' })
class YuanAmount implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return (typeof value === 'string' || typeof value === 'number') && /^(0|[1-9]\d{0,12})(\.\d{1,2})?$/.test(String(value).trim());
  }
  defaultMessage(): string {
    return 'recoveredAmount must be an amount in yuan with at most 2 decimals, such as "12500.00"';
  }
}

/** POST /api/v1/clues/{clueId}/actions (clues.md "HTTP"). */
export class ClueActionDto {
  @ApiProperty({ enum: CLUE_ACTIONS })
  @IsIn(CLUE_ACTIONS, { message: `action must be one of ${CLUE_ACTIONS.join(', ')}` })
  action!: ClueAction;

  @ApiPropertyOptional({ enum: CLUE_OUTCOMES, description: 'reply: the outcome (办结结果)' })
  @IsOptional()
  @IsIn(CLUE_OUTCOMES, { message: `outcome must be one of ${CLUE_OUTCOMES.join(', ')}` })
  outcome?: ReplyOutcome;

  @ApiPropertyOptional({ description: 'Required for contact, reply, return, extend (the reason), merge and comment' })
  @IsOptional()
  @IsString()
  @MaxLength(4000, { message: 'note must be at most 4000 characters' })
  note?: string;

  @ApiPropertyOptional({ description: 'reply: wages recovered, yuan (required for wages_paid and partially_paid)', example: '12500.00' })
  @IsOptional()
  @Validate(YuanAmount)
  recoveredAmount?: string | number;

  @ApiPropertyOptional({ description: 'reply: workers paid (required for wages_paid and partially_paid)', example: 12 })
  @IsOptional()
  @IsInt({ message: 'workersPaid must be a whole number of workers' })
  @Min(0, { message: 'workersPaid must be 0 or more' })
  @Max(1_000_000, { message: 'workersPaid must be at most 1000000' })
  workersPaid?: number;

  @ApiPropertyOptional({ description: 'assign: user id or username of an inspector or brigade lead who can see the case' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  assignee?: string;

  @ApiPropertyOptional({ description: 'merge: clue id of the surviving case' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  duplicateOf?: string;
}
