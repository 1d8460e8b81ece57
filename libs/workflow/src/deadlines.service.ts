import { Injectable } from '@nestjs/common';
import { Severity } from '@wage/alerts';
import { WorkingCalendar } from '@wage/calendar';
import { DEFAULT_THRESHOLDS, RegionProfileService, SlaThresholds } from '@wage/rules';
import { EntityManager } from 'typeorm';
import { Clock } from './clock';

/** After an escalation, the next one follows this many working days later (督办 repeats weekly). */
export const ESCALATION_REPEAT_WORKING_DAYS = 5;

/**
 * Deadlines of workflow.md "Deadlines and escalation": working days of the PRC calendar,
 * day counts from the region profile of the alert's project (national default when the
 * project is unknown).
 */
@Injectable()
export class DeadlineService {
  constructor(
    private readonly calendar: WorkingCalendar,
    private readonly profiles: RegionProfileService,
    private readonly clock: Clock,
  ) {}

  /** SLA day counts per project code (one query for all of them). */
  async slaFor(manager: EntityManager, projectCodes: string[]): Promise<(projectCode: string) => SlaThresholds> {
    const unique = [...new Set(projectCodes)];
    const found = unique.length ? await this.profiles.resolveForProjects(manager, unique) : [];
    const byProject = new Map(found.map((f) => [f.projectCode, f.profile.thresholds.sla]));
    return (code) => byProject.get(code) ?? DEFAULT_THRESHOLDS.sla;
  }

  acknowledgeDue(sla: SlaThresholds, from: Date = this.clock.now()): Date {
    return this.calendar.addWorkingDays(from, sla.acknowledgeDays);
  }

  resolveDue(sla: SlaThresholds, severity: Severity, from: Date = this.clock.now()): Date {
    const days = { red: sla.resolveRedDays, orange: sla.resolveOrangeDays, yellow: sla.resolveYellowDays }[severity];
    return this.calendar.addWorkingDays(from, days);
  }

  nextEscalation(from: Date = this.clock.now()): Date {
    return this.calendar.addWorkingDays(from, ESCALATION_REPEAT_WORKING_DAYS);
  }
}
