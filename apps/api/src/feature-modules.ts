import { Type } from '@nestjs/common';
import { WorkflowModule } from '@wage/workflow';

/**
 * The domain capabilities this service is made of. Each library exports one module
 * holding its controllers, services and job handlers.
 */
export const FEATURE_MODULES: Type[] = [WorkflowModule];
