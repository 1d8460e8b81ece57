import { ALERT_TRANSITIONS, PERSON_ACTIONS, PersonAction } from '@wage/alerts';

/**
 * The people's side of the alert transition table. The table itself (people's and
 * scans' transitions together) lives in @wage/alerts (store/alert-lifecycle.ts).
 */
export const WORKFLOW_ACTIONS = PERSON_ACTIONS;
export type WorkflowAction = PersonAction;
export const TRANSITIONS = ALERT_TRANSITIONS.person;
export { ACTING_ROLES, checkTransition, type TransitionCheck } from '@wage/alerts';
