import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { queryPrepared } from '@wage/database';
import { hashApiKey } from './api-key-format';
import { ApiKey } from './entities/api-key.entity';
import { User } from './entities/user.entity';
import { apiKeyScopeOf } from './api-key-scope';
import { Principal } from './principal';
import { PrincipalChanges, type UserCredentials } from './principal-changes';
import { Role } from './roles';
import { VerifiedTokens } from './verified-tokens';

export interface AccessTokenPayload {
  sub: string;
  role: Role;
  /** users.token_version when the token was issued. */
  ver: number;
  /** Expiry (seconds since the epoch), set by jsonwebtoken when signing. */
  exp?: number;
}

export type Authentication = { principal: Principal } | { error: string } | null;

export function userPrincipal(user: Pick<User, 'id' | 'username' | 'role' | 'unitCode' | 'bureauCode' | 'canUnmask'>): Principal {
  return {
    kind: 'user',
    id: user.id,
    name: user.username,
    role: user.role,
    unitCode: user.unitCode,
    bureauCode: user.bureauCode,
    canUnmask: user.canUnmask,
  };
}

/**
 * Turns request credentials into a Principal. What a token or key grants is decided on
 * every request from the user row or key row as the database has it now, so that
 * disabling a user, a role change or a revoked key takes effect at once, not when the
 * token expires: the rows come from PrincipalChanges' caches, which hold them only while
 * the process hears every change to them (LISTEN/NOTIFY), else from the database
 * (docs/decisions/principal-cache-invalidation.md).
 */
@Injectable()
export class PrincipalResolver {
  constructor(
    private readonly jwt: JwtService,
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    private readonly changes: PrincipalChanges,
  ) {}

  private readonly verified = new VerifiedTokens<AccessTokenPayload>();

  async authenticate(headers: Record<string, string | string[] | undefined>): Promise<Authentication> {
    this.changes.ensureStarted();
    const authorization = first(headers.authorization);
    const apiKey = first(headers['x-api-key']);
    if (authorization) return this.fromBearer(authorization);
    if (apiKey) return this.fromApiKey(apiKey);
    return null;
  }

  private async fromBearer(authorization: string): Promise<Authentication> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) return { error: 'Authorization header must be "Bearer <accessToken>"' };
    const token = match[1];
    let payload = this.verified.get(token);
    if (!payload) {
      try {
        payload = await this.jwt.verifyAsync<AccessTokenPayload & object>(token);
      } catch (error) {
        const expired = (error as { name?: string }).name === 'TokenExpiredError';
        return { error: expired ? 'Access token expired; log in again' : 'Access token is invalid; log in again' };
      }
      this.verified.add(token, payload);
    }
    if (typeof payload.sub !== 'string' || !/^[0-9a-f-]{36}$/i.test(payload.sub)) return { error: 'Access token is invalid; log in again' };
    const user = await this.userOf(payload.sub);
    if (!user) return { error: 'The user of this token no longer exists' };
    if (user.disabled) return { error: 'This user is disabled; ask an administrator' };
    // A token from before a password change, disable or role change is over (tokens
    // issued before versioning carry no ver and count as version 0).
    if ((payload.ver ?? 0) !== user.tokenVersion) return { error: 'This access token was ended by a change to the account (password, role or status); log in again' };
    return { principal: userPrincipal(user) };
  }

  /**
   * The fields of the user row a principal needs, by primary key in plain SQL: every
   * authenticated request runs it, and the repository's query building and entity
   * hydration cost more CPU than the statement itself (issue 17); a named prepared
   * statement, parsed and planned once per connection.
   */
  private async userOf(id: string): Promise<UserCredentials | undefined> {
    const cached = this.changes.users.get(id);
    if (cached) return cached;
    const ticket = this.changes.users.ticket();
    const rows = await queryPrepared<UserCredentials>(
      this.users.manager.connection,
      `SELECT id, username, role, unit_code AS "unitCode", bureau_code AS "bureauCode", can_unmask AS "canUnmask", disabled,
              token_version AS "tokenVersion"
         FROM users WHERE id = $1`,
      [id],
    );
    // Only rows that exist: an unknown id is rare (a deleted user) and stays a read.
    if (rows[0]) this.changes.users.put(ticket, id, rows[0]);
    return rows[0];
  }

  private async keyOf(keyHash: string): Promise<ApiKey | null> {
    const cached = this.changes.keys.get(keyHash);
    if (cached) return cached;
    const ticket = this.changes.keys.ticket();
    const row = await this.keys.findOneBy({ keyHash });
    if (row) this.changes.keys.put(ticket, keyHash, row);
    return row;
  }

  private async fromApiKey(key: string): Promise<Authentication> {
    const row = await this.keyOf(hashApiKey(key.trim()));
    if (!row) return { error: 'Unknown API key' };
    if (row.revokedAt) return { error: 'This API key has been revoked; ask an administrator for a new one' };
    return {
      principal: {
        kind: 'api_key',
        id: row.id,
        name: row.name,
        role: Role.Submitter,
        unitCode: null,
        bureauCode: null,
        canUnmask: false,
        apiKeyScope: apiKeyScopeOf(row),
      },
    };
  }
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
