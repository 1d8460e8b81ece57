import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AlertQueryService } from './read/alert-query.service';
import { AlertScopeService } from './read/alert-scope.service';
import { AlertsController } from './read/alerts.controller';
import { LocalWritesRoutes } from './read/local-writes';

/** Alert read API. Alert writes belong to scans (reconciliation) and the workflow (actions). */
@Module({
  imports: [DiscoveryModule],
  controllers: [AlertsController],
  // Every request of the app that may write outdates the list's large-set memo (local-writes.ts).
  providers: [AlertQueryService, AlertScopeService, LocalWritesRoutes],
  exports: [AlertQueryService, AlertScopeService],
})
export class AlertsModule {}
