export { RoutingModule } from './routing.module';
export { AlertRouter, type RoutedAlert, type RoutingActor } from './alert-router.service';
export { RoutingTable, type RouteDecision, type RoutableAlert, type RoutingUnit, type RoutingOverrideRule } from './route-decision';
export { RoutingOverride } from './routing-override.entity';
