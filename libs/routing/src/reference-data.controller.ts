import { BadRequestException, Body, ConflictException, Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { ACTIVE_STATUSES_SQL } from '@wage/alerts';
import { Role, Roles } from '@wage/auth';
import { AppConfig } from '@wage/config';
import { webhookUrlProblem } from '@wage/notifications';
import { Industry, IndustryBureau, InspectionUnit, UnitKind } from '@wage/datasets';
import { DataSource } from 'typeorm';
import { IndustryBureauDto, InspectionUnitDto, UpdateIndustryBureauDto, UpdateInspectionUnitDto } from './dto/reference-data.dto';

const READERS = [Role.Admin, Role.Auditor, Role.BrigadeLead];

/** Webhook URLs are checked when saved (and again at every delivery): https to public addresses. */
async function assertWebhookAllowed(url: string | null | undefined, config: AppConfig): Promise<void> {
  if (!url) return;
  const problem = await webhookUrlProblem(url, config.webhookAllowList);
  if (problem) throw new BadRequestException(problem.replace(/^webhook_url/, 'webhookUrl'));
}

/**
 * Routing reference data maintained by hand (imports of the inspection_units and
 * industry_bureaus datasets write the same tables). Changing it does not move alerts
 * already routed: that is the explicit, logged POST /api/v1/alerts/reroute.
 */
@ApiTags('routing')
@ApiBearerAuth()
@Controller('inspection-units')
export class InspectionUnitsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(InspectionUnit);
  }

  @Get()
  @Roles(...READERS)
  list(): Promise<InspectionUnit[]> {
    return this.repo.find({ order: { unitCode: 'ASC' } });
  }

  @Get(':unitCode')
  @Roles(...READERS)
  async get(@Param('unitCode') unitCode: string): Promise<InspectionUnit> {
    const unit = await this.repo.findOneBy({ unitCode });
    if (!unit) throw new NotFoundException(`inspection unit ${unitCode} not found`);
    return unit;
  }

  @Post()
  @Roles(Role.Admin)
  async create(@Body() dto: InspectionUnitDto): Promise<InspectionUnit> {
    await assertWebhookAllowed(dto.webhookUrl, this.config);
    if (await this.repo.existsBy({ unitCode: dto.unitCode })) {
      throw new ConflictException(`inspection unit ${dto.unitCode} exists; change it with PUT /api/v1/inspection-units/${dto.unitCode}`);
    }
    await this.repo.insert({ ...dto, kind: dto.kind as UnitKind, streetCodes: dto.streetCodes ?? [] });
    return this.get(dto.unitCode);
  }

  @Put(':unitCode')
  @Roles(Role.Admin)
  async update(@Param('unitCode') unitCode: string, @Body() dto: UpdateInspectionUnitDto): Promise<InspectionUnit> {
    await assertWebhookAllowed(dto.webhookUrl, this.config);
    const unit = await this.get(unitCode);
    await this.repo.save({ ...unit, ...dto, kind: (dto.kind ?? unit.kind) as UnitKind });
    return this.get(unitCode);
  }

  @Delete(':unitCode')
  @Roles(Role.Admin)
  @HttpCode(204)
  async remove(@Param('unitCode') unitCode: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      // workflow.md: a unit that still has work routed to it cannot be deleted (409 with
      // the counts) — deleting it would hide that work from everyone but admins.
      const [{ alerts, clues, teams }]: Array<{ alerts: number; clues: number; teams: number }> = await m.query(
        `SELECT (SELECT count(*)::int FROM alerts WHERE unit_code = $1 AND status IN ${ACTIVE_STATUSES_SQL}) AS alerts,
                (SELECT count(*)::int FROM clue_cases WHERE unit_code = $1 AND status <> 'closed') AS clues,
                (SELECT count(*)::int FROM inspection_units WHERE parent_unit_code = $1) AS teams`,
        [unitCode],
      );
      if (alerts + clues + teams > 0) {
        const what = [
          alerts > 0 ? `${alerts} active alert(s)` : null,
          clues > 0 ? `${clues} open clue case(s)` : null,
          teams > 0 ? `${teams} team(s) under it` : null,
        ].filter(Boolean).join(' and ');
        throw new ConflictException(
          `inspection unit ${unitCode} still has ${what}; change the units or overrides, then reroute them (POST /api/v1/alerts/reroute, POST /api/v1/clues/reroute) and try again`,
        );
      }
      const res = await m.delete(InspectionUnit, { unitCode });
      if (!res.affected) throw new NotFoundException(`inspection unit ${unitCode} not found`);
    });
  }
}

@ApiTags('routing')
@ApiBearerAuth()
@Controller('industry-bureaus')
export class IndustryBureausController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  private get repo() {
    return this.dataSource.getRepository(IndustryBureau);
  }

  @Get()
  @Roles(...READERS)
  list(): Promise<IndustryBureau[]> {
    return this.repo.find({ order: { bureauCode: 'ASC' } });
  }

  @Get(':bureauCode')
  @Roles(...READERS)
  async get(@Param('bureauCode') bureauCode: string): Promise<IndustryBureau> {
    const bureau = await this.repo.findOneBy({ bureauCode });
    if (!bureau) throw new NotFoundException(`industry bureau ${bureauCode} not found`);
    return bureau;
  }

  @Post()
  @Roles(Role.Admin)
  async create(@Body() dto: IndustryBureauDto): Promise<IndustryBureau> {
    await assertWebhookAllowed(dto.webhookUrl, this.config);
    if (await this.repo.existsBy({ bureauCode: dto.bureauCode })) {
      throw new ConflictException(`industry bureau ${dto.bureauCode} exists; change it with PUT /api/v1/industry-bureaus/${dto.bureauCode}`);
    }
    await this.repo.insert({ ...dto, industries: dto.industries as Industry[] });
    return this.get(dto.bureauCode);
  }

  @Put(':bureauCode')
  @Roles(Role.Admin)
  async update(@Param('bureauCode') bureauCode: string, @Body() dto: UpdateIndustryBureauDto): Promise<IndustryBureau> {
    await assertWebhookAllowed(dto.webhookUrl, this.config);
    const bureau = await this.get(bureauCode);
    await this.repo.save({ ...bureau, ...dto, industries: (dto.industries ?? bureau.industries) as Industry[] });
    return this.get(bureauCode);
  }

  @Delete(':bureauCode')
  @Roles(Role.Admin)
  @HttpCode(204)
  async remove(@Param('bureauCode') bureauCode: string): Promise<void> {
    const res = await this.repo.delete({ bureauCode });
    if (!res.affected) throw new NotFoundException(`industry bureau ${bureauCode} not found`);
  }
}
