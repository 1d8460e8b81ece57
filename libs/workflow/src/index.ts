export { AlertIntakeService, type PendingTimers, type ScanAlertChanges } from './alert-intake.service';
export { WorkflowModule } from './workflow.module';
export { Clock } from './clock';
export { escalationJobId } from './escalation-timers.service';
export { checkTransition, TRANSITIONS, WORKFLOW_ACTIONS, type WorkflowAction } from './transitions';
export { EscalationSweepService, type SweepResult } from './escalation-sweep.service';
export { ESCALATION_SWEEP_SCHEDULER_ID } from './escalation.jobs';
