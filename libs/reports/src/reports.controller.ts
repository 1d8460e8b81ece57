import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Role, Roles } from '@wage/auth';
import type { Principal } from '@wage/auth';
import { ReportSummaryQueryDto } from './dto/summary-query.dto';
import { SummaryResponseDto } from './dto/summary-response.dto';
import { ReportSummaryService, SummaryResponse } from './report-summary.service';
import { summaryWorkbook } from './xlsx/summary-workbook';

/** reports.md "Scope": bureau officers and submitters get 403. */
const REPORT_READERS = [Role.Admin, Role.Auditor, Role.BrigadeLead, Role.Inspector];

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportSummaryService) {}

  @Get('summary')
  @Roles(...REPORT_READERS)
  @ApiOperation({ summary: 'The figures bureaus publish, for a date range, grouped by unit, region or month, within the caller’s scope' })
  @ApiOkResponse({ type: SummaryResponseDto })
  summary(@Query() q: ReportSummaryQueryDto, @CurrentPrincipal() principal: Principal): Promise<SummaryResponse> {
    return this.reports.summary(q, principal);
  }

  @Get('summary.xlsx')
  @Roles(...REPORT_READERS)
  @ApiOperation({ summary: 'The same report as an XLSX workbook: a sheet of rows, a sheet with the total and the query' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async workbook(@Query() q: ReportSummaryQueryDto, @CurrentPrincipal() principal: Principal, @Res() res: Response): Promise<void> {
    const now = new Date();
    const report = await this.reports.summary(q, principal, now);
    const body = await summaryWorkbook(report, principal.name, now);
    const name = `report-${report.from}_${report.to}-${report.groupBy}.xlsx`;
    const chinese = encodeURIComponent(`统计报表-${report.from}至${report.to}.xlsx`);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="${name}"; filename*=UTF-8''${chinese}`);
    res.send(body);
  }
}
