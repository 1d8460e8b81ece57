export { ReportsModule } from './reports.module';
export { ReportSummaryService, REPORT_SETTINGS, type SummaryPlan, type SummaryResponse, type SummaryRow } from './report-summary.service';
export { ReportSummaryQueryDto } from './dto/summary-query.dto';
export type { SummaryFigures, Coverage } from './figure-parts';
export { FIGURE_COLUMNS, RESOLUTION_LABELS, type FigureColumn } from './figure-columns';
export { summaryWorkbook, NUMBER_FORMATS, ROWS_SHEET, TOTAL_SHEET } from './xlsx/summary-workbook';
export { CLUE_CASE_TABLE } from './sql/clue-figures';
export { runFigureQuery } from './sql/figure-query';
