import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { isIsoDate } from '@wage/calendar';
import { Scan, SkippedSummary } from './entities/scan.entity';

@ValidatorConstraint({ name: 'calendarDate' })
class CalendarDate implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isIsoDate(value);
  }
  defaultMessage(): string {
    return 'asOf must be a real date written YYYY-MM-DD, such as 2026-11-03';
  }
}

export class RequestScanDto {
  @ApiPropertyOptional({ example: '2026-11-03', description: 'As-of date D; default today in Asia/Shanghai' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'asOf must be a date written YYYY-MM-DD, such as 2026-11-03' })
  @Validate(CalendarDate)
  asOf?: string;
}

export class ScanAcceptedDto {
  @ApiProperty() id!: number;
  @ApiProperty({ enum: ['queued', 'running', 'succeeded', 'failed'] }) status!: string;
}

export class ScanView {
  @ApiProperty() id!: number;
  @ApiProperty({ example: '2026-11-03' }) asOf!: string;
  @ApiProperty({ example: '2026-10' }) period!: string;
  @ApiProperty({ enum: ['queued', 'running', 'succeeded', 'failed'] }) status!: string;
  @ApiProperty({ enum: ['manual', 'scheduled'] }) trigger!: string;
  @ApiProperty({ nullable: true, type: String }) startedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String }) finishedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Number }) durationMs!: number | null;
  @ApiProperty({ description: 'Shard jobs the scan fanned out to' }) shardCount!: number;
  @ApiProperty() projectsScanned!: number;
  @ApiProperty() alertsRaised!: number;
  @ApiProperty() alertsUpdated!: number;
  @ApiProperty() alertsCleared!: number;
  @ApiProperty({ example: { PAY_RATIO_LOW: 12 } }) byRule!: Record<string, number>;
  @ApiProperty({ example: [{ rule: 'BELOW_MIN_WAGE', reason: 'no minimum wage configured', count: 3, sampleProjects: ['P1'] }] })
  skipped!: SkippedSummary[];
  @ApiProperty({ description: 'Projects with a bank feed: the only ones the bank reconciliation rules evaluate' }) bankFeedProjects!: number;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;

  static of(s: Scan): ScanView {
    return {
      id: s.id,
      asOf: s.asOf,
      period: s.period.slice(0, 7),
      status: s.status,
      trigger: s.trigger,
      startedAt: s.startedAt,
      finishedAt: s.finishedAt,
      durationMs: s.durationMs,
      shardCount: s.shardCount,
      projectsScanned: s.projectsScanned,
      alertsRaised: s.alertsRaised,
      alertsUpdated: s.alertsUpdated,
      alertsCleared: s.alertsCleared,
      byRule: s.byRule,
      skipped: s.skipped,
      bankFeedProjects: s.bankFeedProjects,
      error: s.error,
    };
  }
}
