import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '@wage/auth';
import { shanghaiDate, WorkingCalendar } from '@wage/calendar';
import { AppConfig } from '@wage/config';
import { InAppNotificationService, OutboxService } from '@wage/notifications';
import { RegionProfileService } from '@wage/rules';
import { Notice } from './entities/notice.entity';
import { NoticeCandidate, RED_OPEN_WORKING_DAYS, redCutoffDate, selectNoticeCandidates } from './notice-selection';
import { NoticeQueryService } from './notice-query.service';
import { recordOnAlerts } from './notice-alert-events';
import { requestedActionFor } from './requested-actions';

/** pg_advisory_xact_lock key serialising generation runs (numbering and one-per-day). */
const GENERATION_LOCK = 7_351_001;

export const noticeNumber = (year: number, seq: number): string => `〔${year}〕第${seq}号`;

/**
 * The daily grouping: one notice per bureau per business date with every alert selected
 * for it, numbered per bureau and year, delivered through the outbox and in-app, and
 * recorded on each alert. Everything commits in one transaction, so a crash sends nothing
 * half-made and a second run the same day finds the day's notices and adds none.
 */
@Injectable()
export class NoticeGeneratorService {
  private readonly logger = new Logger(NoticeGeneratorService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly calendar: WorkingCalendar,
    private readonly profiles: RegionProfileService,
    private readonly outbox: OutboxService,
    private readonly inApp: InAppNotificationService,
    private readonly queries: NoticeQueryService,
    private readonly config: AppConfig,
  ) {}

  async generate(asOf?: string): Promise<{ created: number; noticeIds: number[] }> {
    const issuedOn = asOf ?? this.calendar.businessDate(new Date());
    const cutoff = redCutoffDate(issuedOn, RED_OPEN_WORKING_DAYS, (d) => this.calendar.isWorkingDay(d));
    const noticeIds = await this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [GENERATION_LOCK]);
      const candidates = await selectNoticeCandidates(m, issuedOn, cutoff);
      const byBureau = new Map<string, NoticeCandidate[]>();
      for (const c of candidates) byBureau.set(c.bureauCode, [...(byBureau.get(c.bureauCode) ?? []), c]);
      const ids: number[] = [];
      for (const [bureauCode, items] of byBureau) ids.push(await this.issue(m, bureauCode, issuedOn, items));
      return ids;
    });
    if (noticeIds.length) this.logger.log(`issued ${noticeIds.length} joint notice(s) for ${issuedOn}`);
    return { created: noticeIds.length, noticeIds };
  }

  private async issue(m: EntityManager, bureauCode: string, issuedOn: string, items: NoticeCandidate[]): Promise<number> {
    const year = Number(issuedOn.slice(0, 4));
    const [{ seq }] = await m.query<Array<{ seq: number }>>(
      `INSERT INTO notice_sequences (bureau_code, year, last_number) VALUES ($1, $2, 1)
       ON CONFLICT (bureau_code, year) DO UPDATE SET last_number = notice_sequences.last_number + 1
       RETURNING last_number AS seq`,
      [bureauCode, year],
    );
    const [{ regionCode, name: bureauName }] = await m.query<Array<{ regionCode: string; name: string }>>(
      'SELECT region_code AS "regionCode", name FROM industry_bureaus WHERE bureau_code = $1',
      [bureauCode],
    );
    const profile = await this.profiles.resolve(regionCode, m);
    // The deadline counts working days after the issue date (a business date).
    const replyDueAt = this.calendar.addWorkingDays(issuedOn, profile.thresholds.sla.bureauReplyDays);
    const notice = await m.getRepository(Notice).save(
      m.getRepository(Notice).create({
        bureauCode,
        number: noticeNumber(year, seq),
        year,
        seq,
        issuedOn,
        issuerName: this.config.LABOUR_BUREAU_NAME,
        replyDueAt,
        status: 'sent',
      }),
    );
    const rows = items.map((c) => ({ ...c, requestedAction: requestedActionFor(c.rule) }));
    await m.query(
      `INSERT INTO notice_items (notice_id, alert_id, project_code, rule, severity, evidence, requested_action)
       SELECT $1, x."alertId", x."projectCode", x.rule, x.severity, x.evidence, x."requestedAction"
       FROM jsonb_to_recordset($2::jsonb)
         AS x("alertId" bigint, "projectCode" text, rule text, severity text, evidence jsonb, "requestedAction" text)`,
      [notice.id, JSON.stringify(rows)],
    );
    await recordOnAlerts(m, notice.id, 'noticed', `已列入联合督办通知 ${notice.number}（${bureauName}）`, {
      noticeId: notice.id,
      number: notice.number,
      bureauCode,
    });
    const view = await this.queries.get(null, notice.id, m);
    await this.outbox.enqueue(m, {
      receiverType: 'bureau',
      receiverCode: bureauCode,
      event: 'joint_notice.created',
      payload: { notice: view } as unknown as Record<string, unknown>,
      dedupeKey: `joint_notice.created:${notice.id}`,
    });
    await this.inApp.notify(m, {
      bureauCode,
      roles: [Role.BureauOfficer],
      title: `联合督办通知 ${notice.number}`,
      body: `${this.config.LABOUR_BUREAU_NAME}发来联合督办通知，涉及 ${view.projects.length} 个项目，请于 ${shanghaiDate(replyDueAt)} 前回复。`,
      noticeId: notice.id,
    });
    return notice.id;
  }
}
