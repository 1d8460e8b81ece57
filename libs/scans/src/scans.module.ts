import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ProjectsModule } from '@wage/projects';
import { QueueName } from '@wage/queues';
import { RulesModule } from '@wage/rules';
import { WorkflowModule } from '@wage/workflow';
import { ScanFinalizeService } from './scan-finalize.service';
import { ScanJobs } from './scan-jobs';
import { ScanMetrics } from './scan-metrics';
import { ScanRequestService } from './scan-request.service';
import { ScanScheduler } from './scan-scheduler';
import { ScanShardService } from './scan-shard.service';
import { ScansController } from './scans.controller';

/** Risk scans: API, nightly schedule, shard/finalize jobs and alert reconciliation. */
@Module({
  imports: [RulesModule, WorkflowModule, ProjectsModule, BullModule.registerFlowProducer({ name: QueueName.Scans })],
  controllers: [ScansController],
  providers: [ScanRequestService, ScanShardService, ScanFinalizeService, ScanJobs, ScanScheduler, ScanMetrics],
  exports: [ScanRequestService],
})
export class ScansModule {}
