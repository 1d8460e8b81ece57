import { Module } from '@nestjs/common';
import { AlertRouter } from './alert-router.service';
import { IndustryBureausController, InspectionUnitsController } from './reference-data.controller';
import { RoutingController } from './routing.controller';

/** Who gets an alert: reference data, overrides, the routing decision and re-routing. */
@Module({
  controllers: [RoutingController, InspectionUnitsController, IndustryBureausController],
  providers: [AlertRouter],
  exports: [AlertRouter],
})
export class RoutingModule {}
