export { AlertIntakeService, type ScanAlertChanges } from './alert-intake.service';
