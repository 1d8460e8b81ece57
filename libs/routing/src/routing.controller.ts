import { ACTIVE_STATUSES_SQL } from '@wage/alerts';
import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { CurrentPrincipal, Principal, Role, Roles } from '@wage/auth';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { DataSource } from 'typeorm';
import { AlertRouter } from './alert-router.service';
import { CreateRoutingOverrideDto, UpdateRoutingOverrideDto } from './dto/routing-override.dto';
import { RoutingOverride } from './routing-override.entity';

class UnroutedQuery {
  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500, { message: 'pageSize must be at most 500' })
  pageSize?: number;
}

/** Routing overrides, the unrouted queue and the re-route action (admins). */
@ApiTags('routing')
@ApiBearerAuth()
@Controller()
export class RoutingController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly router: AlertRouter,
  ) {}

  private get overrides() {
    return this.dataSource.getRepository(RoutingOverride);
  }

  @Get('routing-overrides')
  @Roles(Role.Admin, Role.Auditor)
  listOverrides(): Promise<RoutingOverride[]> {
    return this.overrides.find({ order: { position: 'ASC', id: 'ASC' } });
  }

  @Post('routing-overrides')
  @Roles(Role.Admin)
  async createOverride(@Body() dto: CreateRoutingOverrideDto, @CurrentPrincipal() who: Principal): Promise<RoutingOverride> {
    await this.assertUnit(dto.unitCode);
    return this.overrides.save(this.overrides.create({ ...dto, enabled: dto.enabled ?? true, updatedBy: who.name }));
  }

  @Patch('routing-overrides/:id')
  @Roles(Role.Admin)
  async updateOverride(
    @Param('id', ParseIntPipe) id: number,
    @Body() dto: UpdateRoutingOverrideDto,
    @CurrentPrincipal() who: Principal,
  ): Promise<RoutingOverride> {
    const found = await this.overrides.findOneBy({ id });
    if (!found) throw new NotFoundException(`routing override ${id} not found`);
    if (dto.unitCode) await this.assertUnit(dto.unitCode);
    return this.overrides.save({ ...found, ...dto, updatedBy: who.name });
  }

  @Delete('routing-overrides/:id')
  @Roles(Role.Admin)
  @HttpCode(204)
  async deleteOverride(@Param('id', ParseIntPipe) id: number): Promise<void> {
    const res = await this.overrides.delete({ id });
    if (!res.affected) throw new NotFoundException(`routing override ${id} not found`);
  }

  /**
   * Re-routes every active alert with the current units and overrides. Each alert that
   * moves gets a 'rerouted' event naming the admin, the old and the new unit.
   */
  @Post('alerts/reroute')
  @Roles(Role.Admin)
  @HttpCode(200)
  @ApiOkResponse({ description: '{ examined, changed, unrouted }' })
  reroute(@CurrentPrincipal() who: Principal): Promise<{ examined: number; changed: number; unrouted: number }> {
    return this.router.rerouteActive({ kind: 'user', id: who.id, name: who.name });
  }

  /** The unrouted queue: active alerts no unit covers, with the reason (admins). */
  @Get('routing/unrouted')
  @Roles(Role.Admin)
  async unrouted(@Query() q: UnroutedQuery): Promise<{ items: unknown[]; total: number; page: number; pageSize: number }> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    // Also alerts whose unit no longer exists (deleted before deletion was guarded): never hidden.
    const where = `(a.unit_code IS NULL OR NOT EXISTS (SELECT 1 FROM inspection_units iu WHERE iu.unit_code = a.unit_code))
                   AND a.status IN ${ACTIVE_STATUSES_SQL}`;
    const items: unknown[] = await this.dataSource.query(
      `SELECT a.id, a.project_code AS "projectCode", a.rule, a.severity, a.status, a.routing_reason AS "routingReason",
              a.first_seen_at AS "firstSeenAt", a.due_at AS "dueAt"
         FROM alerts a WHERE ${where} ORDER BY a.first_seen_at, a.id LIMIT $1 OFFSET $2`,
      [pageSize, (page - 1) * pageSize],
    );
    const [{ total }]: Array<{ total: number }> = await this.dataSource.query(`SELECT count(*)::int AS total FROM alerts a WHERE ${where}`);
    return { items, total, page, pageSize };
  }

  private async assertUnit(unitCode: string): Promise<void> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM inspection_units WHERE unit_code = $1', [unitCode]);
    if (rows.length === 0) throw new NotFoundException(`inspection unit ${unitCode} not found; create it with POST /api/v1/inspection-units`);
  }
}
