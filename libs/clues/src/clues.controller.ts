import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Role, Roles } from '@wage/auth';
import type { Response } from 'express';
import { ClueActionsService } from './clue-actions.service';
import { ClueIntakeService } from './clue-intake.service';
import { ClueQueryService } from './clue-query.service';
import { ClueActionDto } from './dto/clue-action.dto';
import { ClueListQueryDto } from './dto/clue-list.dto';

/** Readers of clue cases: as for alerts, minus bureau officers (clues are not on notices) and submitters. */
const READERS = [Role.Admin, Role.Auditor, Role.BrigadeLead, Role.Inspector];
/** Auditors read only. */
const ACTORS = [Role.Admin, Role.BrigadeLead, Role.Inspector];

@ApiTags('clues')
@ApiBearerAuth()
@Controller('clues')
export class CluesController {
  constructor(
    private readonly query: ClueQueryService,
    private readonly actions: ClueActionsService,
    private readonly intake: ClueIntakeService,
  ) {}

  /** Cases in the caller's scope, oldest running deadline first. */
  @Get()
  @Roles(...READERS)
  @ApiOkResponse({ description: '{ items: [{ clueId, receivedOn, source, …, nextDeadline, dueSoon, overdue, escalationLevel, outcome }], total }' })
  list(@Query() q: ClueListQueryDto, @CurrentPrincipal() principal: Principal): Promise<Record<string, unknown>> {
    return this.query.list(q, principal);
  }

  /** The open unassigned case of the caller's unit with the oldest deadline, now theirs; 204 when none. */
  @Post('claim-next')
  @Roles(Role.Inspector, Role.BrigadeLead)
  @HttpCode(200)
  @ApiOkResponse({ description: 'The case now assigned to the caller' })
  @ApiNoContentResponse({ description: 'Nothing left to claim in the caller’s unit' })
  async claimNext(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown> | undefined> {
    const id = await this.actions.claimNext(principal);
    if (id === null) {
      res.status(204);
      return undefined;
    }
    return this.query.get(id, principal);
  }

  /** Admin: route every open case again after units or overrides changed; each move is logged. */
  @Post('reroute')
  @Roles(Role.Admin)
  @HttpCode(200)
  @ApiOkResponse({ description: '{ examined, changed, unrouted }' })
  reroute(@CurrentPrincipal() who: Principal): Promise<{ examined: number; changed: number; unrouted: number }> {
    return this.intake.rerouteOpen({ kind: 'user', id: who.id, name: who.name });
  }

  @Get(':clueId')
  @Roles(...READERS)
  @ApiOkResponse({ description: 'One case with its deadlines, reply and events' })
  get(@Param('clueId') clueId: string, @CurrentPrincipal() principal: Principal): Promise<Record<string, unknown>> {
    return this.query.get(clueId, principal);
  }

  /** One action; 404 outside the scope, 403 for the role, 409 naming the state. */
  @Post(':clueId/actions')
  @Roles(...ACTORS)
  @HttpCode(200)
  @ApiOkResponse({ description: 'The updated case' })
  async act(@Param('clueId') clueId: string, @Body() dto: ClueActionDto, @CurrentPrincipal() principal: Principal): Promise<Record<string, unknown>> {
    await this.actions.act(principal, clueId, dto);
    return this.query.get(clueId, principal);
  }
}
