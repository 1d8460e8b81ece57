import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller';
import { ReportSummaryService } from './report-summary.service';

/** Reports (reports.md): the summary figures over alerts, events, notices, projects and clue cases, JSON and XLSX. */
@Module({
  controllers: [ReportsController],
  providers: [ReportSummaryService],
  exports: [ReportSummaryService],
})
export class ReportsModule {}
