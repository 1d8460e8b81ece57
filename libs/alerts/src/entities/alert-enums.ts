import { Severity } from '@wage/common';

export { SEVERITIES, type Severity } from '@wage/common';

/** Lower is more urgent (queue order). */
export const SEVERITY_RANK: Record<Severity, number> = { red: 0, orange: 1, yellow: 2 };

export const ALERT_STATUSES = ['open', 'acknowledged', 'in_progress', 'resolved', 'cleared'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Statuses in which an alert still needs someone to act. */
export const ACTIVE_ALERT_STATUSES: readonly AlertStatus[] = ['open', 'acknowledged', 'in_progress'];

export const RESOLUTION_CODES = [
  'wages_paid',
  'advance_paid_by_gc',
  'paid_from_deposit',
  'rectified',
  'false_positive',
  'case_filed',
  'transferred_arbitration',
  'transferred_police',
  'project_closed',
  'duplicate',
  'other',
] as const;
export type ResolutionCode = (typeof RESOLUTION_CODES)[number];
