import { Controller, Get, Header, Param, ParseIntPipe, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
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
  // list() answers with the bytes of the page's JSON (see AlertQueryService.list), sent
  // as they are: Nest would serialise a Buffer as an object. The grouped answer is an
  // object, which Express serialises as JSON with the same header.
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiOkResponse({ description: '{ items: [...], total, page, pageSize } or, with groupBy=project, { groups: [...], total, ... }' })
  async list(@Query() q: AlertListQueryDto, @CurrentPrincipal() principal: Principal, @Res() res: Response): Promise<void> {
    if (q.groupBy === 'project') res.json(await this.alerts.listByProject(q, principal));
    else res.send(await this.alerts.list(q, principal));
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOkResponse({ description: 'The alert with its event history (events, oldest first)' })
  get(@Param('id', ParseIntPipe) id: number, @CurrentPrincipal() principal: Principal): Promise<Record<string, unknown>> {
    return this.alerts.get(id, principal);
  }
}
