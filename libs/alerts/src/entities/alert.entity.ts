import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { AlertStatus, ResolutionCode, Severity } from './alert-enums';

/**
 * One row per fingerprint, for ever: (project, rule, period) for period rules and
 * (project, rule) for state rules. A scan updates the open row, clears it when the
 * condition is gone, and reopens the same row when it returns — never a second row.
 */
@Entity('alerts')
@Index(['fingerprint'], { unique: true })
@Index(['status', 'unitCode'])
@Index(['projectCode', 'status'])
@Index(['rule', 'period'])
@Index(['status', 'dueAt'])
// Reports: alerts first raised in a date range.
@Index(['firstSeenAt'])
// The queue order (list and claim-next), hand-written in migration AlertQueueRank
// (an expression, INCLUDE columns and a partial index TypeORM cannot declare): not synchronised.
@Index('IDX_alerts_queue_rank', { synchronize: false })
@Index('IDX_alerts_claim_order', { synchronize: false })
// The same order per rule (a rule-filtered page), migration AlertQueueRuleIndex.
@Index('IDX_alerts_queue_rule', { synchronize: false })
// The same order per city (a regionCode page), migration AlertRegionCopy.
@Index('IDX_alerts_queue_region', { synchronize: false })
export class Alert {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: number;

  /** `${projectCode}|${rule}|${YYYY-MM}` or `${projectCode}|${rule}` */
  @Column({ type: 'varchar', length: 200 })
  fingerprint!: string;

  @Column({ type: 'varchar', length: 64 })
  projectCode!: string;

  @Column({ type: 'varchar', length: 40 })
  rule!: string;

  /** First day of the assessed month for period rules; null for state rules. */
  @Column({ type: 'date', nullable: true })
  period!: string | null;

  @Column({ type: 'varchar', length: 8 })
  severity!: Severity;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status!: AlertStatus;

  /** The rule is joint (also goes to the industry bureau). */
  @Column({ type: 'boolean', default: false })
  joint!: boolean;

  /** Figures that made it fire, in yuan and headcounts, with up to 20 masked workers. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  evidence!: Record<string, unknown>;

  /** Thresholds frozen from the region profile at evaluation time. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  thresholds!: Record<string, unknown>;

  /**
   * The alert as the list shows it (api.md's item), written by the database's trigger
   * (migration AlertListItem) whenever the alert, its project's name or its assignee's
   * username changes, so a page copies its items instead of building them
   * (docs/decisions/alert-list-stored-items.md). Never written by the application.
   */
  @Column({ type: 'json', select: false, insert: false, update: false })
  listItem!: unknown;

  @Column({ type: 'integer' })
  ruleVersion!: number;

  /** Region profile (code and version) the thresholds came from. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  profileCode!: string | null;

  @Column({ type: 'integer', nullable: true })
  profileVersion!: number | null;

  /** Wages owed according to this alert, in fen (0 when the rule has no shortfall). */
  @Column({ type: 'bigint', default: 0 })
  shortfallFen!: number;

  @Column({ type: 'integer', default: 1 })
  occurrenceCount!: number;

  /**
   * The project's risk score (project_risk.risk_score, 0 without one), copied here by
   * the database's triggers (migration AlertQueueRank) so the queue order is one index.
   * Never written by the application.
   */
  @Column({ type: 'integer', default: 0, select: false, insert: false, update: false })
  queueRisk!: number;

  /**
   * The project's region (projects.region_code; NULL without a project row), copied here
   * by the database's triggers (migration AlertRegionCopy) so a regionCode page is read
   * from one index without joining projects. Never written by the application.
   */
  @Column({ type: 'char', length: 6, nullable: true, select: false, insert: false, update: false })
  regionCode!: string | null;

  @Column({ type: 'timestamptz' })
  firstSeenAt!: Date;

  @Column({ type: 'timestamptz' })
  lastSeenAt!: Date;

  @Column({ type: 'bigint', nullable: true })
  firstScanId!: number | null;

  @Column({ type: 'bigint', nullable: true })
  lastScanId!: number | null;

  /**
   * As-of date D of the latest scan that touched this alert: a scan with an earlier D
   * never changes it (rules.md: scans are ordered by their date, not by when they finish).
   */
  @Column({ type: 'date', nullable: true })
  lastAsOf!: string | null;

  /**
   * Resolved alerts: whether the latest scan still saw the condition (true) or saw it gone
   * (false: its return reopens the alert); null until a scan has looked since the resolution.
   */
  @Column({ type: 'boolean', nullable: true })
  conditionPresent!: boolean | null;

  @Column({ type: 'timestamptz', nullable: true })
  clearedAt!: Date | null;

  @Column({ type: 'bigint', nullable: true })
  clearedByScanId!: number | null;

  @Column({ type: 'text', nullable: true })
  clearReason!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  resolution!: ResolutionCode | null;

  @Column({ type: 'text', nullable: true })
  resolutionNote!: string | null;

  @Column({ type: 'bigint', nullable: true })
  recoveredFen!: number | null;

  @Column({ type: 'integer', nullable: true })
  workersPaid!: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  resolvedBy!: string | null;

  /** Inspection unit the alert is routed to; null = the unrouted queue. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  unitCode!: string | null;

  /** Why it went there (e.g. "street team of 420113001", "override #3", "no unit covers 429999"). */
  @Column({ type: 'text', nullable: true })
  routingReason!: string | null;

  @Column({ type: 'uuid', nullable: true })
  assigneeUserId!: string | null;

  /** The next deadline: acknowledgement while open, resolution after that. */
  @Column({ type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ type: 'boolean', default: false })
  overdue!: boolean;

  @Column({ type: 'integer', default: 0 })
  escalationLevel!: number;

  @Column({ type: 'date', nullable: true })
  suppressedUntil!: string | null;

  @Column({ type: 'text', nullable: true })
  suppressReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  /** Optimistic lock for concurrent actions. */
  @VersionColumn()
  version!: number;
}
