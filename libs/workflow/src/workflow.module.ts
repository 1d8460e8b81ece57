import { Module } from '@nestjs/common';
import { AlertsModule } from '@wage/alerts';
import { CalendarModule } from '@wage/calendar';
import { NotificationsModule } from '@wage/notifications';
import { ProjectsModule } from '@wage/projects';
import { RoutingModule } from '@wage/routing';
import { RulesModule } from '@wage/rules';
import { AlertActionsController } from './alert-actions.controller';
import { AlertActionsService } from './alert-actions.service';
import { AlertWorkersController } from './alert-workers.controller';
import { AlertIntakeService } from './alert-intake.service';
import { ClaimService } from './claim.service';
import { Clock } from './clock';
import { DeadlineService } from './deadlines.service';
import { EscalationJobs } from './escalation.jobs';
import { EscalationService } from './escalation.service';
import { EscalationSweepService } from './escalation-sweep.service';
import { EscalationTimers } from './escalation-timers.service';
import { WorkflowNotifier } from './workflow-notifier';

/** Routing at intake, inspector actions, deadlines and escalation of alerts. */
@Module({
  imports: [AlertsModule, CalendarModule, NotificationsModule, ProjectsModule, RoutingModule, RulesModule],
  controllers: [AlertActionsController, AlertWorkersController],
  providers: [
    AlertIntakeService,
    AlertActionsService,
    ClaimService,
    Clock,
    DeadlineService,
    EscalationService,
    EscalationSweepService,
    EscalationJobs,
    EscalationTimers,
    WorkflowNotifier,
  ],
  exports: [AlertIntakeService, Clock],
})
export class WorkflowModule {}
