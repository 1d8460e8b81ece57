import ExcelJS from 'exceljs';
import { BUSINESS_TZ } from '@wage/calendar';
import type { SummaryFigures } from '../figure-parts';
import { ColumnKind, FIGURE_COLUMNS, GROUP_BY_LABELS } from '../figure-columns';
import type { SummaryResponse } from '../report-summary.service';

/** Excel number formats: counts with thousands separators, money with 2 decimals, rates as percentages. */
export const NUMBER_FORMATS: Record<ColumnKind, string> = { count: '#,##0', money: '#,##0.00', rate: '0.00%' };

export const ROWS_SHEET = '分组明细';
export const TOTAL_SHEET = '合计与查询条件';

/**
 * Cell values: counts and rates as numbers; money arrives as an exact yuan string and
 * becomes a number only here, at the edge (a spreadsheet cell is a double, and amounts
 * with 2 decimals below 2^53 fen are exact in it). Null (a rate without denominator)
 * stays an empty cell.
 */
function figureCells(f: SummaryFigures): Array<number | null> {
  return FIGURE_COLUMNS.map((c) => {
    const v = c.value(f);
    return v === null ? null : Number(v);
  });
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  row.height = 32;
}

function formatFigureColumns(sheet: ExcelJS.Worksheet, firstColumn: number): void {
  FIGURE_COLUMNS.forEach((c, i) => {
    const col = sheet.getColumn(firstColumn + i);
    col.numFmt = NUMBER_FORMATS[c.kind];
    col.width = c.kind === 'money' ? 16 : 12;
  });
}

/** reports.md "Export": a sheet of rows, a sheet with the total and the query. */
export async function summaryWorkbook(report: SummaryResponse, exportedBy: string, exportedAt: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '农民工工资支付监控预警';
  wb.created = exportedAt;

  const rows = wb.addWorksheet(ROWS_SHEET, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  styleHeader(rows.addRow(['分组编码', '名称', ...FIGURE_COLUMNS.map((c) => c.header)]));
  for (const r of report.rows) rows.addRow([r.key, r.label, ...figureCells(r)]);
  rows.getColumn(1).width = 14;
  rows.getColumn(2).width = 28;
  formatFigureColumns(rows, 3);

  const total = wb.addWorksheet(TOTAL_SHEET);
  const query: Array<[string, string]> = [
    ['统计起始日', report.from],
    ['统计截止日', report.to],
    ['分组方式', GROUP_BY_LABELS[report.groupBy]],
    ['区划代码', report.regionCode ?? '全部'],
    ['监察机构', report.unitCode ?? '全部'],
    ['导出人', exportedBy],
    ['导出时间', exportedAt.toLocaleString('zh-CN', { timeZone: BUSINESS_TZ, hour12: false })],
  ];
  for (const [k, v] of query) total.addRow([k, v]).getCell(1).font = { bold: true };
  total.addRow([]);
  const headerRow = total.addRow(['', '合计', ...FIGURE_COLUMNS.map((c) => c.header)]);
  styleHeader(headerRow);
  total.addRow(['', '合计', ...figureCells(report.total)]);
  total.getColumn(1).width = 14;
  total.getColumn(2).width = 24;
  formatFigureColumns(total, 3);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
