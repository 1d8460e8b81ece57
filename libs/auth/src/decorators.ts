import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Principal } from './principal';
import { Role } from './roles';

export const IS_PUBLIC = 'wage:public';
export const ROLES = 'wage:roles';

/** No authentication (login, health, metrics). Everything else is closed by default. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/**
 * The roles allowed to call an endpoint. An endpoint with neither @Public nor @Roles
 * is refused to everyone: access is opt-in, never forgotten-open.
 */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES, roles);

/** The authenticated caller, set by the auth guard. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const req = ctx.switchToHttp().getRequest<{ principal?: Principal }>();
  if (!req.principal) throw new Error('CurrentPrincipal used on a public endpoint');
  return req.principal;
});
