import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { SecurityEvent } from './entities/security-event.entity';
import { Principal } from './principal';

/** Who did it: a logged-in principal, or an anonymous caller / the system itself. */
export type SecurityActor = Principal | { kind: 'anonymous' | 'system'; name?: string | null };

export interface RecordOptions {
  ip?: string | null;
  /** Write inside the caller's transaction (e.g. together with the change it audits). */
  manager?: EntityManager;
}

/**
 * The append-only security log. Other libraries use record() too, e.g. for every
 * unmasked read of personal data: record('pii.unmasked', principal, { workerId }).
 */
@Injectable()
export class SecurityAuditService {
  private readonly logger = new Logger(SecurityAuditService.name);

  constructor(@InjectRepository(SecurityEvent) private readonly events: Repository<SecurityEvent>) {}

  async record(event: string, actor: SecurityActor, data?: Record<string, unknown> | null, options: RecordOptions = {}): Promise<void> {
    const row: Partial<SecurityEvent> = {
      event,
      actorKind: actor.kind,
      actorId: 'id' in actor ? actor.id : null,
      actorName: actor.name ?? null,
      ip: options.ip ?? null,
      data: data ?? null,
    };
    const repo = options.manager ? options.manager.getRepository(SecurityEvent) : this.events;
    await repo.save(repo.create(row), { reload: false });
    this.logger.log({ securityEvent: event, actor: row.actorName, data: row.data });
  }
}
