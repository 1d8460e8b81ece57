import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface ScanAlertChanges {
  /** Alerts created by this scan, or brought back from cleared/resolved. */
  raisedOrReopened: number[];
  /** Alerts whose severity went up or down. */
  severityChanged: number[];
  /** Alerts the scan cleared (condition no longer holds). */
  cleared: number[];
}

/**
 * What happens to alerts after a scan has reconciled them: routing to an inspection
 * unit, deadlines, escalation timers and notifications. Called by the scan inside the
 * transaction that changed the alerts (so outbox rows commit with them).
 * STUB: the workflow helper implements it.
 */
@Injectable()
export class AlertIntakeService {
  async onScanReconciled(_manager: EntityManager, _changes: ScanAlertChanges): Promise<void> {
    // implemented by the workflow library
  }
}
