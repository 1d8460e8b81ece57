import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { decideAccess } from './access-decision';
import { IS_PUBLIC, ROLES } from './decorators';
import { Principal } from './principal';
import { PrincipalResolver } from './principal-resolver.service';
import { Role } from './roles';

interface GuardedRequest {
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
}

/** Global guard (APP_GUARD): authenticates the caller and applies decideAccess(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly resolver: PrincipalResolver,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets) === true;
    if (isPublic) return true;
    const req = ctx.switchToHttp().getRequest<GuardedRequest>();
    const auth = await this.resolver.authenticate(req.headers);
    const principal = auth && 'principal' in auth ? auth.principal : null;
    const decision = decideAccess({
      isPublic,
      roles: this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets),
      principal,
      credentialError: auth && 'error' in auth ? auth.error : undefined,
    });
    if (decision.allow) {
      if (principal) req.principal = principal;
      return true;
    }
    throw decision.status === 401 ? new UnauthorizedException(decision.message) : new ForbiddenException(decision.message);
  }
}
