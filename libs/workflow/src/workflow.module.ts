import { Module } from '@nestjs/common';
import { AlertIntakeService } from './alert-intake.service';

/** Routing, inspector actions, deadlines and escalation of alerts. */
@Module({
  providers: [AlertIntakeService],
  exports: [AlertIntakeService],
})
export class WorkflowModule {}
