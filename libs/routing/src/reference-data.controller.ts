import { Body, ConflictException, Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Role, Roles } from '@wage/auth';
import { Industry, IndustryBureau, InspectionUnit, UnitKind } from '@wage/datasets';
import { DataSource } from 'typeorm';
import { IndustryBureauDto, InspectionUnitDto, UpdateIndustryBureauDto, UpdateInspectionUnitDto } from './dto/reference-data.dto';

const READERS = [Role.Admin, Role.Auditor, Role.BrigadeLead];

/**
 * Routing reference data maintained by hand (imports of the inspection_units and
 * industry_bureaus datasets write the same tables). Changing it does not move alerts
 * already routed: that is the explicit, logged POST /api/v1/alerts/reroute.
 */
@ApiTags('routing')
@ApiBearerAuth()
@Controller('inspection-units')
export class InspectionUnitsController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
    if (await this.repo.existsBy({ unitCode: dto.unitCode })) {
      throw new ConflictException(`inspection unit ${dto.unitCode} exists; change it with PUT /api/v1/inspection-units/${dto.unitCode}`);
    }
    await this.repo.insert({ ...dto, kind: dto.kind as UnitKind, streetCodes: dto.streetCodes ?? [] });
    return this.get(dto.unitCode);
  }

  @Put(':unitCode')
  @Roles(Role.Admin)
  async update(@Param('unitCode') unitCode: string, @Body() dto: UpdateInspectionUnitDto): Promise<InspectionUnit> {
    const unit = await this.get(unitCode);
    await this.repo.save({ ...unit, ...dto, kind: (dto.kind ?? unit.kind) as UnitKind });
    return this.get(unitCode);
  }

  @Delete(':unitCode')
  @Roles(Role.Admin)
  @HttpCode(204)
  async remove(@Param('unitCode') unitCode: string): Promise<void> {
    // workflow.md: a unit that still has work routed to it cannot go; an admin reroutes first.
    const [{ alerts, clues }]: Array<{ alerts: number; clues: number }> = await this.dataSource.query(
      `SELECT (SELECT count(*)::int FROM alerts WHERE unit_code = $1 AND status IN ('open', 'acknowledged', 'in_progress')) AS alerts,
              (SELECT count(*)::int FROM clue_cases WHERE unit_code = $1 AND status <> 'closed') AS clues`,
      [unitCode],
    );
    if (alerts + clues > 0) {
      throw new ConflictException(
        `inspection unit ${unitCode} still has ${alerts} active alert(s) and ${clues} open clue case(s) routed to it; change the units or overrides, then reroute them (POST /api/v1/alerts/reroute, POST /api/v1/clues/reroute)`,
      );
    }
    const res = await this.repo.delete({ unitCode });
    if (!res.affected) throw new NotFoundException(`inspection unit ${unitCode} not found`);
  }
}

@ApiTags('routing')
@ApiBearerAuth()
@Controller('industry-bureaus')
export class IndustryBureausController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
    if (await this.repo.existsBy({ bureauCode: dto.bureauCode })) {
      throw new ConflictException(`industry bureau ${dto.bureauCode} exists; change it with PUT /api/v1/industry-bureaus/${dto.bureauCode}`);
    }
    await this.repo.insert({ ...dto, industries: dto.industries as Industry[] });
    return this.get(dto.bureauCode);
  }

  @Put(':bureauCode')
  @Roles(Role.Admin)
  async update(@Param('bureauCode') bureauCode: string, @Body() dto: UpdateIndustryBureauDto): Promise<IndustryBureau> {
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
