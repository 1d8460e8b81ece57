import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';

const Ratio = (): PropertyDecorator => (target, key) => {
  IsNumber()(target, key);
  Min(0)(target, key);
  Max(1)(target, key);
  ApiProperty({ minimum: 0, maximum: 1 })(target, key);
};
const Count = (): PropertyDecorator => (target, key) => {
  IsInt()(target, key);
  Min(0)(target, key);
  ApiProperty({ minimum: 0 })(target, key);
};
const Yuan = (): PropertyDecorator => (target, key) => {
  IsInt()(target, key);
  Min(0)(target, key);
  ApiProperty({ minimum: 0, description: 'whole yuan' })(target, key);
};

const OptionalRatio = (): PropertyDecorator => (target, key) => {
  IsOptional()(target, key);
  IsNumber()(target, key);
  Min(0)(target, key);
  Max(1)(target, key);
  ApiPropertyOptional({ minimum: 0, maximum: 1 })(target, key);
};
const OptionalCount = (): PropertyDecorator => (target, key) => {
  IsOptional()(target, key);
  IsInt()(target, key);
  Min(0)(target, key);
  Max(31)(target, key);
  ApiPropertyOptional({ minimum: 0, maximum: 31 })(target, key);
};

export class SlaDto {
  @Count() acknowledgeDays!: number;
  @Count() resolveRedDays!: number;
  @Count() resolveOrangeDays!: number;
  @Count() resolveYellowDays!: number;
  @Count() bureauReplyDays!: number;
  // Clue deadlines came later: a profile saved without them keeps the defaults.
  @IsOptional() @Count() clueAcceptDays?: number;
  @IsOptional() @Count() clueContactHours?: number;
  @IsOptional() @Count() clueReplyDays?: number;
  @IsOptional() @Count() clueReviewDays?: number;
  @IsOptional() @Count() clueExtensionDays?: number;
}

/** All thresholds of a profile (a PUT replaces them as a whole). */
export class ThresholdsDto {
  @Ratio() payRatioThreshold!: number;
  @Ratio() payRatioRedBelow!: number;
  @Ratio() unpaidShareRed!: number;
  @Count() minWageDaysWorked!: number;
  @Ratio() belowMinWageRedShare!: number;
  @Yuan() abnormalMonthlyYuan!: number;
  @Yuan() abnormal12MonthsYuan!: number;
  @Ratio() paidOutsideOrangeShare!: number;
  @Yuan() accountMinContractYuan!: number;
  @Count() accountMinDurationDays!: number;
  @Count() accountGraceDays!: number;
  @Count() accountFilingGraceDays!: number;
  @Yuan() depositMinContractYuan!: number;
  @Count() depositGraceDays!: number;
  @Ratio() depositMinRatio!: number;
  @Ratio() contractUnsignedShare!: number;
  @Count() complaintWindowDays!: number;
  @Count() complaintClueCount!: number;
  @Count() complaintWorkerCount!: number;
  @Count() blacklistDefaultYears!: number;

  // Added with the bank reconciliation rules: optional so a client written before them
  // keeps working (a missing one takes the default, like a stored profile lacking it).
  @OptionalRatio() bankUnverifiedRedShare?: number;
  @OptionalRatio() bankDiversionRedShare?: number;
  @OptionalCount() bankMatchWindowDays?: number;

  @ApiPropertyOptional({ nullable: true, description: 'monthly minimum wage in whole yuan; null = not configured' })
  @IsOptional()
  @IsInt()
  @Min(1)
  minimumMonthlyWageYuan!: number | null;

  @ApiProperty({ type: SlaDto })
  @ValidateNested()
  @Type(() => SlaDto)
  sla!: SlaDto;
}

export class PutRegionProfileDto {
  @ApiProperty({ example: '上海市' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiProperty({ type: ThresholdsDto })
  @ValidateNested()
  @Type(() => ThresholdsDto)
  thresholds!: ThresholdsDto;
}
