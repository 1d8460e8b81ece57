import { Controller, Get, Header, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Role, Roles } from '@wage/auth';
import type { Principal } from '@wage/auth';
import { AlertListQueryDto } from './alert-list.dto';
import { AlertQueryService } from './alert-query.service';

const READERS = [Role.Admin, Role.Auditor, Role.BrigadeLead, Role.Inspector, Role.BureauOfficer];

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertQueryService) {}

  /** Alerts in queue order (severity, project risk, shortfall, age); `groupBy=project` groups them. */
  @Get()
  @Roles(...READERS)
  // list() answers with the page's JSON text (see AlertQueryService.list); the grouped
  // answer is an object, which Express serialises as JSON with the same header.
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiOkResponse({ description: '{ items: [...], total, page, pageSize } or, with groupBy=project, { groups: [...], total, ... }' })
  list(@Query() q: AlertListQueryDto, @CurrentPrincipal() principal: Principal): Promise<unknown> {
    return q.groupBy === 'project' ? this.alerts.listByProject(q, principal) : this.alerts.list(q, principal);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOkResponse({ description: 'The alert with its event history (events, oldest first)' })
  get(@Param('id', ParseIntPipe) id: number, @CurrentPrincipal() principal: Principal): Promise<Record<string, unknown>> {
    return this.alerts.get(id, principal);
  }
}
