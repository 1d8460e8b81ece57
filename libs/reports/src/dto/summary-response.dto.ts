import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RESOLUTION_CODES } from '@wage/alerts';
import { GROUP_BYS } from '../report-window';

/**
 * The response schema of GET /api/v1/reports/summary, for OpenAPI: every figure says
 * what it counts and from which records. The service returns plain objects of this shape.
 */
export class SeverityCountsDto {
  @ApiProperty({ description: 'Red alerts' }) red!: number;
  @ApiProperty({ description: 'Orange alerts' }) orange!: number;
  @ApiProperty({ description: 'Yellow alerts' }) yellow!: number;
}

const RESOLUTION_PROPERTIES = Object.fromEntries(
  RESOLUTION_CODES.map((code) => [code, { type: 'integer', description: `'resolve' events with resolution ${code}` }]),
);

export class CoverageDto {
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Share of projectsMonitored with at least one worker enrolled on the date (workers.entered_on ≤ d, not exited before d) — 实名制',
  })
  realName!: number | null;

  @ApiProperty({
    nullable: true,
    type: Number,
    description:
      'Of the monitored projects that need a dedicated wage account by the thresholds of ACCOUNT_MISSING in their region profile (contract amount, planned duration, grace days after signing), the share with a wage_accounts row opened by the date',
  })
  dedicatedAccount!: number | null;

  @ApiProperty({
    nullable: true,
    type: Number,
    description:
      'Of the monitored projects that need a wage deposit by the thresholds of DEPOSIT_MISSING, the share whose deposits valid on the date add up to the required share of the contract amount',
  })
  deposit!: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'Share of monitored projects with notice_board_posted (维权告示牌)' })
  noticeBoard!: number | null;

  @ApiProperty({
    nullable: true,
    type: Number,
    description:
      "Of the wages paid (payroll.paid_fen with paid_on by the date) for the last full month before the date, on the monitored projects, the share paid via 'dedicated_account' (专户代发); null when nothing was paid",
  })
  paidThroughAccount!: number | null;
}

export class SummaryFiguresDto {
  @ApiProperty({
    description:
      "Projects with status in_progress or suspended and contract_signed_on ≤ `to` (groupBy=month: ≤ the month's last day); placed by the unit the project routes to and its region",
  })
  projectsMonitored!: number;

  @ApiProperty({ description: 'Alerts first raised in the range (alerts.first_seen_at; a reopening is not a new alert)' })
  alertsRaised!: number;

  @ApiProperty({ type: SeverityCountsDto, description: 'alertsRaised by the alert’s severity' })
  alertsRaisedBySeverity!: SeverityCountsDto;

  @ApiProperty({ description: "Clearings by a scan in the range (alert_events action 'cleared'; an alert cleared twice counts twice — 消除预警条次)" })
  alertsCleared!: number;

  @ApiProperty({ description: "Resolutions by a person in the range (alert_events action 'resolve', bulk resolutions included)" })
  alertsResolved!: number;

  @ApiProperty({
    type: 'object',
    properties: RESOLUTION_PROPERTIES,
    description: 'alertsResolved by the resolution code recorded on the event; every code is present',
  } as never)
  alertsResolvedByResolution!: Record<string, number>;

  @ApiProperty({ description: 'Of alertsResolved, resolved no later than the deadline in force and not already overdue (recorded on the resolve event)' })
  alertsResolvedOnTime!: number;

  @ApiProperty({ nullable: true, type: Number, description: 'alertsResolvedOnTime ÷ alertsResolved, 4 decimals; null when none resolved' })
  onTimeRate!: number | null;

  @ApiProperty({ description: 'Alerts active (open, acknowledged, in progress) at the end of `to` (groupBy=month: of each month), rebuilt from alert_events for past dates' })
  alertsOpenAtEnd!: number;

  @ApiProperty({ description: 'Of alertsOpenAtEnd, those past a deadline: escalated (督办) since their last deadline reset, or due and awaiting escalation' })
  alertsOverdueAtEnd!: number;

  @ApiProperty({
    example: '31794000.00',
    description:
      "Yuan, 2 decimals: recoveredFen of the 'resolve' events in the range plus recovered_fen of clue cases whose reply was approved in the range (追回工资)",
  })
  wagesRecovered!: string;

  @ApiProperty({ description: 'Workers paid, from the same alert resolutions and approved clue replies (为…名农民工)' })
  workersPaid!: number;

  @ApiProperty({ description: 'Joint notices with issued_on in the range; placed by the bureau’s region and the brigade of the alerts on it' })
  noticesSent!: number;

  @ApiProperty({ description: 'Of noticesSent, replied (replied_at) by the end of `to`' })
  noticesAnswered!: number;

  @ApiProperty({ description: 'Of noticesAnswered, replied no later than reply_due_at' })
  noticesAnsweredOnTime!: number;

  @ApiProperty({ description: 'Clues with received_on in the range (one case each), placed by the case’s unit and the clue’s region' })
  cluesReceived!: number;

  @ApiProperty({ description: 'Of cluesReceived, cases closed (approved or merged) by the end of `to`' })
  cluesClosed!: number;

  @ApiProperty({ nullable: true, type: Number, description: 'cluesClosed ÷ cluesReceived (办结率), 4 decimals; null when none received' })
  clueClosureRate!: number | null;

  @ApiProperty({
    nullable: true,
    type: Number,
    description: "Clue cases whose first review (first 'approve' or 'return' event) in the range was an approval ÷ first reviews in the range (审核通过率); null when none",
  })
  clueReviewPassRate!: number | null;

  @ApiProperty({ type: CoverageDto, description: 'Coverage of the wage-payment rules on `to` (groupBy=month: on each month’s last day), shares 0–1 with 4 decimals' })
  coverage!: CoverageDto;
}

export class SummaryRowDto extends SummaryFiguresDto {
  @ApiProperty({ description: "Unit code ('unrouted' for the unrouted queue), region code ('unknown'), month YYYY-MM, or 'all'" })
  key!: string;

  @ApiProperty({ description: 'What the key names, in Chinese (unit name, region code, 2026年3月, 全部)' })
  label!: string;
}

export class SummaryResponseDto {
  @ApiProperty({ example: '2026-01-01' }) from!: string;
  @ApiProperty({ example: '2026-12-31' }) to!: string;
  @ApiProperty({ enum: GROUP_BYS }) groupBy!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) regionCode!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) unitCode!: string | null;
  @ApiProperty({ type: [SummaryRowDto], description: 'One row per key; units in scope are listed even with no activity' })
  rows!: SummaryRowDto[];
  @ApiProperty({ type: SummaryFiguresDto, description: 'Every count and amount is the sum of the rows; rates are computed from the summed parts' })
  total!: SummaryFiguresDto;
}
