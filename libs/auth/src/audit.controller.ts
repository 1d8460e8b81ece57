import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { IsOptional, Matches } from 'class-validator';
import { Repository } from 'typeorm';
import { Roles } from './decorators';
import { SecurityEvent } from './entities/security-event.entity';
import { Role } from './roles';
import { PageQueryDto } from '@wage/common';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Exact event name, or a prefix ending in "." (e.g. "login.")' })
  @IsOptional()
  @Matches(/^[a-z0-9_.]{1,64}$/, { message: 'event must be an event name such as login.failed or a prefix such as login.' })
  event?: string;

  @ApiPropertyOptional({ description: 'Only events of this actor (user or API key id)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,64}$/, { message: 'actorId must be a user or API key id' })
  actorId?: string;


}

export class AuditPage {
  @ApiProperty({ type: [SecurityEvent] }) items!: SecurityEvent[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

/** Read access to the security audit log, newest first. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(@InjectRepository(SecurityEvent) private readonly events: Repository<SecurityEvent>) {}

  @Get()
  @Roles(Role.Admin, Role.Auditor)
  @ApiOkResponse({ type: AuditPage })
  async list(@Query() q: AuditQueryDto): Promise<AuditPage> {
    const qb = this.events.createQueryBuilder('e').orderBy('e.id', 'DESC');
    if (q.event?.endsWith('.')) qb.andWhere('e.event LIKE :p', { p: `${q.event}%` });
    else if (q.event) qb.andWhere('e.event = :event', { event: q.event });
    if (q.actorId) qb.andWhere('e.actor_id = :actorId', { actorId: q.actorId });
    const [items, total] = await qb.skip((q.page - 1) * q.pageSize).take(q.pageSize).getManyAndCount();
    return { items, total, page: q.page, pageSize: q.pageSize };
  }
}
