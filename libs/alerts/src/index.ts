export * from './entities/alert-enums';
export { Alert } from './entities/alert.entity';
export { AlertEvent } from './entities/alert-event.entity';
export { alertScopeSql, alertScopeWhere, mayReadUnmasked, type AlertScopeSql } from './alert-scope';
export { CallerScope, callerScope, named, type NamedScopeSql, type ScopeSql } from './caller-scope';
export { clueScopeSql } from './clue-scope';
export { AlertsModule } from './alerts.module';
export { AlertQueryService, type AlertGroup } from './read/alert-query.service';
export { AlertScopeService, type ScopeCondition } from './read/alert-scope.service';
export { AlertListQueryDto } from './read/alert-list.dto';
export { EXACT_TOTAL_LIMIT, LARGE_TOTAL_MAX_AGE_MS } from './read/large-totals';
export { cursorOfKey, keyOfJson } from './read/list-cursor';
export { BOUNDARY_STRIDE, nearestBoundary } from './read/page-boundaries';
export { toAlertItem, type AlertItem } from './read/alert-view';
export {
  ACTING_ROLES,
  ALERT_TRANSITIONS,
  checkTransition,
  PERSON_ACTIONS,
  scanTransition,
  type PersonAction,
  type ScanAction,
  type TransitionCheck,
} from './store/alert-lifecycle';
export {
  ALERT_EVENT_COLUMNS,
  appendAlertEvents,
  appendAlertEventsFrom,
  INSERT_ALERT_EVENTS_SQL,
  INSERT_TIMED_ALERT_EVENTS_SQL,
  updateAlert,
  type AlertEventInput,
} from './store/alert-events';
export { ACTIVE_STATUSES_SQL, QUEUE_ORDER_SQL, severityOfRankSql, severityRankSql, statusListSql } from './store/alert-sql';
export { relatedClues, type RelatedClue } from './read/related-clues';
