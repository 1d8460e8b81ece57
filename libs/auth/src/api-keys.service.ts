import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { generateApiKey } from './api-key-format';
import { DEFAULT_KEY_DATASETS } from './api-key-scope';
import { ApiKeyView, CreateApiKeyDto, CreatedApiKeyView } from './dto/api-key.dto';
import { ApiKey } from './entities/api-key.entity';
import { Principal } from './principal';
import { PrincipalChanges } from './principal-changes';
import { SecurityAuditService } from './security-audit.service';

function view(k: ApiKey): ApiKeyView {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    datasets: k.datasets,
    projectCodes: k.projectCodes,
    contractorUscc: k.contractorUscc,
    createdBy: k.createdBy,
    createdAt: k.createdAt,
    revokedAt: k.revokedAt,
  };
}

@Injectable()
export class ApiKeysService {
  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    private readonly audit: SecurityAuditService,
    private readonly changes: PrincipalChanges,
  ) {}

  async create(dto: CreateApiKeyDto, actor: Principal): Promise<CreatedApiKeyView> {
    const { key, hash, prefix } = generateApiKey();
    const row = await this.keys.save(
      this.keys.create({
        name: dto.name.trim(),
        keyHash: hash,
        prefix,
        createdBy: actor.kind === 'user' ? actor.id : null,
        revokedAt: null,
        datasets: dto.datasets ?? [...DEFAULT_KEY_DATASETS],
        projectCodes: dto.projectCodes ?? null,
        contractorUscc: dto.contractorUscc ?? null,
      }),
    );
    await this.audit.record('api_key.created', actor, {
      apiKeyId: row.id,
      name: row.name,
      prefix,
      datasets: row.datasets,
      projectCodes: row.projectCodes,
      contractorUscc: row.contractorUscc,
    });
    return { ...view(row), key };
  }

  async list(): Promise<ApiKeyView[]> {
    return (await this.keys.find({ order: { createdAt: 'DESC' } })).map(view);
  }

  /** Idempotent: revoking a revoked key keeps its first revocation time. */
  async revoke(id: string, actor: Principal): Promise<ApiKeyView> {
    const row = await this.keys.findOneBy({ id });
    if (!row) throw new NotFoundException(`No API key with id ${id}`);
    if (!row.revokedAt) {
      await this.keys.update({ id, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
      // This process's next request already sees the revocation (other processes hear it by NOTIFY).
      this.changes.invalidate();
      await this.audit.record('api_key.revoked', actor, { apiKeyId: id, name: row.name });
    }
    return view((await this.keys.findOneByOrFail({ id })));
  }
}
