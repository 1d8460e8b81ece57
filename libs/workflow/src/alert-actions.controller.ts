import { Body, Controller, HttpCode, Param, ParseIntPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AlertQueryService } from '@wage/alerts';
import { CurrentPrincipal, Principal, Role, Roles } from '@wage/auth';
import type { Response } from 'express';
import { AlertActionsService } from './alert-actions.service';
import { ClaimService } from './claim.service';
import { AlertActionDto, ProjectBulkActionDto } from './dto/alert-action.dto';

/** Auditors read but change nothing; bureau officers work on notices; submitters never see alerts. */
const ACTORS = [Role.Admin, Role.BrigadeLead, Role.Inspector];

@ApiTags('alerts')
@ApiBearerAuth()
@Controller()
export class AlertActionsController {
  constructor(
    private readonly actions: AlertActionsService,
    private readonly claims: ClaimService,
    private readonly alerts: AlertQueryService,
  ) {}

  /**
   * One workflow action. 404 outside the caller's scope, 403 when the role may not take
   * it (reopen: leads and admins), 409 when the current state does not allow it.
   */
  @Post('alerts/:id/actions')
  @Roles(...ACTORS)
  @HttpCode(200)
  @ApiOkResponse({ description: 'The updated alert with its event history' })
  async act(
    @Param('id', ParseIntPipe) id: number,
    @Body() dto: AlertActionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<Record<string, unknown>> {
    await this.actions.act(principal, id, dto);
    return this.alerts.get(id, principal);
  }

  /** Acknowledge or resolve all open alerts of one project that the caller can see. */
  @Post('projects/:code/alerts/actions')
  @Roles(...ACTORS)
  @HttpCode(200)
  @ApiOkResponse({ description: '{ projectCode, action, affected, alertIds }' })
  async bulk(
    @Param('code') code: string,
    @Body() dto: ProjectBulkActionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ projectCode: string; action: string; affected: number; alertIds: number[] }> {
    const ids = await this.actions.bulk(principal, code, dto);
    return { projectCode: code, action: dto.action, affected: ids.length, alertIds: ids };
  }

  /** The highest-priority unassigned alert of the caller's unit, now assigned to them; 204 when none. */
  @Post('alerts/claim-next')
  @Roles(Role.Inspector, Role.BrigadeLead)
  @HttpCode(200)
  @ApiOkResponse({ description: 'The alert now assigned to the caller' })
  @ApiNoContentResponse({ description: 'Nothing left to claim in the caller’s unit' })
  async claimNext(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Record<string, unknown> | undefined> {
    const id = await this.claims.claimNext(principal);
    if (id === null) {
      res.status(204);
      return undefined;
    }
    return this.alerts.get(id, principal);
  }
}
