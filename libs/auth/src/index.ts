export { Role, ALL_ROLES } from './roles';
export type { Principal } from './principal';
export { CurrentPrincipal, IS_PUBLIC, Public, ROLES, Roles } from './decorators';
export { decideAccess, type AccessDecision } from './access-decision';
export { AuthModule } from './auth.module';
export { SecurityAuditService, type SecurityActor } from './security-audit.service';
export { hashPassword, verifyPassword } from './password';
export { User } from './entities/user.entity';
export { ApiKey } from './entities/api-key.entity';
export { SecurityEvent } from './entities/security-event.entity';
export {
  ADMIN_ONLY_DATASETS,
  DEFAULT_KEY_DATASETS,
  KEY_DATASETS,
  datasetRefusal,
  isProjectScoped,
  type ApiKeyScope,
} from './api-key-scope';
