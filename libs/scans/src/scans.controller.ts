import { BadRequestException, Body, Controller, ForbiddenException, Get, HttpCode, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Role, Roles } from '@wage/auth';
import type { Principal } from '@wage/auth';
import { Clock } from '@wage/workflow';
import { shanghaiDate } from '@wage/calendar';
import { checkScanDate } from './scan-dates';
import { PageQueryDto } from '@wage/ops';
import { RequestScanDto, ScanAcceptedDto, ScanView } from './scan.dto';
import { ScanRequestService } from './scan-request.service';

@ApiTags('scans')
@ApiBearerAuth()
@Controller('scans')
export class ScansController {
  constructor(
    private readonly scans: ScanRequestService,
    private readonly clock: Clock,
  ) {}

  /**
   * Starts a scan as of a date (default today, Asia/Shanghai); the same date's running scan
   * is returned instead of a second one. Dates from 400 days ago to today; brigade leads
   * only today (403 otherwise), admins any of them.
   */
  @Post()
  @HttpCode(202)
  @Roles(Role.Admin, Role.BrigadeLead)
  @ApiAcceptedResponse({ type: ScanAcceptedDto })
  @ApiBadRequestResponse({ description: 'asOf not a real date, in the future, or more than 400 days ago' })
  @ApiForbiddenResponse({ description: 'a brigade lead asked for a date other than today' })
  async request(@Body() body: RequestScanDto, @CurrentPrincipal() principal: Principal): Promise<ScanAcceptedDto> {
    const today = shanghaiDate(this.clock.now());
    const asOf = body.asOf ?? today;
    const check = checkScanDate(asOf, today, principal.role === Role.Admin);
    if (!check.ok) throw check.status === 403 ? new ForbiddenException(check.message) : new BadRequestException(check.message);
    const scan = await this.scans.request(asOf, 'manual', principal.name);
    return { id: scan.id, status: scan.status };
  }

  @Get()
  @Roles(Role.Admin, Role.Auditor, Role.BrigadeLead, Role.Inspector)
  @ApiOkResponse({ description: 'Scan history, newest first' })
  async list(@Query() q: PageQueryDto): Promise<{ items: ScanView[]; total: number; page: number; pageSize: number }> {
    const { items, total } = await this.scans.list(q.page, q.pageSize);
    return { items: items.map(ScanView.of), total, page: q.page, pageSize: q.pageSize };
  }

  @Get(':id')
  @Roles(Role.Admin, Role.Auditor, Role.BrigadeLead, Role.Inspector)
  @ApiOkResponse({ type: ScanView })
  async get(@Param('id', ParseIntPipe) id: number): Promise<ScanView> {
    return ScanView.of(await this.scans.get(id));
  }
}
