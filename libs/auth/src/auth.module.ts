import { createSecretKey } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, required } from '@wage/config';
import { AdminBootstrap } from './admin-bootstrap.service';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { AuditController } from './audit.controller';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { ApiKey } from './entities/api-key.entity';
import { SecurityEvent } from './entities/security-event.entity';
import { User } from './entities/user.entity';
import { LoginThrottle } from './login-throttle.service';
import { PrincipalChanges } from './principal-changes';
import { PrincipalResolver } from './principal-resolver.service';
import { SecurityAuditService } from './security-audit.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/**
 * Login, the global access guard, users, API keys and the security audit log.
 * Global so any library can inject SecurityAuditService.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([User, ApiKey, SecurityEvent]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A KeyObject, not the string: jsonwebtoken otherwise tries the string as a PEM
        // public key first on every verify (a thrown and caught error per request, issue 17).
        secret: createSecretKey(Buffer.from(required(config.JWT_SECRET, 'JWT_SECRET'))),
        signOptions: { expiresIn: config.JWT_TTL_SECONDS },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, UsersController, ApiKeysController, AuditController],
  providers: [
    AuthService,
    UsersService,
    ApiKeysService,
    PrincipalResolver,
    PrincipalChanges,
    LoginThrottle,
    SecurityAuditService,
    AdminBootstrap,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [SecurityAuditService],
})
export class AuthModule {}
