import { HttpException, HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppConfig } from '@wage/config';
import { User } from './entities/user.entity';
import { LoginThrottle } from './login-throttle.service';
import { dummyPasswordHash, verifyPassword } from './password';
import { AccessTokenPayload, userPrincipal } from './principal-resolver.service';
import { SecurityAuditService } from './security-audit.service';

export class LoginThrottledException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      `Too many failed logins for this user or address; try again in ${retryAfterSeconds} s (Retry-After)`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly jwt: JwtService,
    private readonly throttle: LoginThrottle,
    private readonly audit: SecurityAuditService,
    private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string, ip: string): Promise<{ accessToken: string; expiresIn: number }> {
    const anonymous = { kind: 'anonymous' as const, name: username };
    // Counted before the password is checked (atomically), so parallel guesses cannot slip through.
    const wait = await this.throttle.attempt(username, ip);
    if (wait > 0) {
      await this.audit.record('login.throttled', anonymous, { retryAfterSeconds: wait }, { ip });
      throw new LoginThrottledException(wait);
    }
    const user = await this.users.findOneBy({ username });
    // Verify against a dummy hash for unknown users so response time does not reveal which usernames exist.
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!user || !ok || user.disabled) {
      const reason = !user ? 'unknown_user' : !ok ? 'wrong_password' : 'disabled';
      await this.audit.record('login.failed', anonymous, { reason }, { ip });
      if (user && ok && user.disabled) throw new UnauthorizedException('This user is disabled; ask an administrator');
      throw new UnauthorizedException('Wrong username or password');
    }
    await this.throttle.recordSuccess(username, ip);
    await this.audit.record('login.succeeded', userPrincipal(user), null, { ip });
    const payload: AccessTokenPayload = { sub: user.id, role: user.role, ver: user.tokenVersion };
    return { accessToken: await this.jwt.signAsync(payload), expiresIn: this.config.JWT_TTL_SECONDS };
  }
}
