import { Type } from '@nestjs/common';
import { AuthModule } from '@wage/auth';
import { OpsModule } from '@wage/ops';
import { CalendarModule } from '@wage/calendar';
import { NotificationsModule } from '@wage/notifications';
import { RulesModule } from '@wage/rules';
import { WorkflowModule } from '@wage/workflow';
import { RoutingModule } from '@wage/routing';
import { AlertsModule } from '@wage/alerts';
import { ProjectsModule } from '@wage/projects';
import { ScansModule } from '@wage/scans';
import { IngestModule } from '@wage/ingest';
import { NoticesModule } from '@wage/notices';
import { CluesModule } from '@wage/clues';
import { ReportsModule } from '@wage/reports';

/**
 * The domain capabilities this service is made of. Each library exports one module
 * holding its controllers, services and job handlers.
 */
export const FEATURE_MODULES: Type[] = [AuthModule, OpsModule, CalendarModule, NotificationsModule, RulesModule, RoutingModule, WorkflowModule, AlertsModule, ProjectsModule, ScansModule, NoticesModule, CluesModule, IngestModule, ReportsModule];
