export { AlertIntakeService, type ScanAlertChanges } from './alert-intake.service';
export { WorkflowModule } from './workflow.module';
