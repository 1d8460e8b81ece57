import { Module } from '@nestjs/common';
import { AlertQueryService } from './read/alert-query.service';
import { AlertScopeService } from './read/alert-scope.service';
import { AlertsController } from './read/alerts.controller';

/** Alert read API. Alert writes belong to scans (reconciliation) and the workflow (actions). */
@Module({
  controllers: [AlertsController],
  providers: [AlertQueryService, AlertScopeService],
  exports: [AlertQueryService, AlertScopeService],
})
export class AlertsModule {}
