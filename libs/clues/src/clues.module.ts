import { Module } from '@nestjs/common';
import { CalendarModule } from '@wage/calendar';
import { NotificationsModule } from '@wage/notifications';
import { RoutingModule } from '@wage/routing';
import { RulesModule } from '@wage/rules';
import { WorkflowModule } from '@wage/workflow';
import { ClueActionsService } from './clue-actions.service';
import { ClueDeadlineService } from './clue-deadlines.service';
import { ClueEscalationService } from './clue-escalation.service';
import { ClueIntakeService } from './clue-intake.service';
import { ClueJobs } from './clue.jobs';
import { ClueNotifier } from './clue-notifier';
import { ClueQueryService } from './clue-query.service';
import { ClueRouter } from './clue-router.service';
import { ClueTimers } from './clue-timers.service';
import { CluesController } from './clues.controller';

/** Clue cases: intake and routing, the lifecycle, deadlines and escalation, the read API. */
@Module({
  imports: [CalendarModule, NotificationsModule, RoutingModule, RulesModule, WorkflowModule],
  controllers: [CluesController],
  providers: [
    ClueActionsService,
    ClueDeadlineService,
    ClueEscalationService,
    ClueIntakeService,
    ClueJobs,
    ClueNotifier,
    ClueQueryService,
    ClueRouter,
    ClueTimers,
  ],
  exports: [ClueIntakeService, ClueEscalationService],
})
export class CluesModule {}
