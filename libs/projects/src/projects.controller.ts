import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Role, Roles } from '@wage/auth';
import type { Principal } from '@wage/auth';
import { ProjectListQueryDto } from './project.dto';
import { ProjectQueryService } from './project-query.service';

@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectQueryService) {}

  /** Projects in the caller's scope by region (code or prefix) and risk level, riskiest first. */
  @Get()
  @Roles(Role.Admin, Role.Auditor, Role.BrigadeLead, Role.Inspector)
  @ApiOkResponse({ description: '{ items: [{ projectCode, name, regionCode, riskLevel, riskScore, shortfall, openAlerts }], total }' })
  list(@Query() q: ProjectListQueryDto, @CurrentPrincipal() principal: Principal): Promise<{ items: Record<string, unknown>[]; total: number }> {
    return this.projects.list(q, principal);
  }

  /** One project: parties, accounts (masked), deposits, last 12 months of payable/paid/attendance, risk, open alerts. */
  @Get(':code')
  @Roles(Role.Admin, Role.Auditor, Role.BrigadeLead, Role.Inspector)
  @ApiOkResponse({ description: '{ project, parties, accounts, deposits, monthly, risk, openAlerts, relatedClues }' })
  get(@Param('code') code: string, @CurrentPrincipal() principal: Principal): Promise<Record<string, unknown>> {
    return this.projects.get(code, principal);
  }
}
