export { Scan, SCAN_STATUSES, type ScanStatus, type ScanTrigger, type SkippedSummary } from './entities/scan.entity';
export { ScanRequestService } from './scan-request.service';
export { ScanShardService } from './scan-shard.service';
export { ScanFinalizeService } from './scan-finalize.service';
export { NIGHTLY_SCAN_SCHEDULER_ID } from './scan-scheduler';
export { fingerprintOf } from './fingerprint';
export { checkScanDate, SCAN_WINDOW_DAYS } from './scan-dates';
export { ScansModule } from './scans.module';
export { ScanJobs } from './scan-jobs';
