import PDFDocument from 'pdfkit';
import { cjkFont } from './cjk-font';
import { DocumentRow, NoticeDocument } from './notice-document.model';

const RED = '#cc0000';
const COLUMNS: Array<{ title: string; width: number; cell: (r: DocumentRow, i: number) => string }> = [
  { title: '序号', width: 28, cell: (_r, i) => String(i + 1) },
  { title: '项目编码', width: 78, cell: (r) => r.projectCode },
  { title: '项目名称', width: 78, cell: (r) => r.projectName },
  { title: '预警类型', width: 70, cell: (r) => r.ruleTitle },
  { title: '等级', width: 30, cell: (r) => r.severity },
  { title: '证据摘要', width: 108, cell: (r) => r.evidence },
  { title: '请求措施', width: 103, cell: (r) => r.action },
];
const PAD = 3;
const CELL_FONT = 8.5;

/** The printed notice as an A4 PDF (pdfkit, CJK font from npm). */
export function renderNoticePdf(d: NoticeDocument): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `${d.title} ${d.number}`, Author: d.issuer } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', cjkFont());
  doc.font('cjk');
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  doc.fillColor(RED).fontSize(22).text(d.title, { align: 'center' });
  doc.moveDown(0.3).fillColor('black').fontSize(11).text(d.number, { align: 'center' });
  const ruleY = doc.y + 4;
  doc.moveTo(left, ruleY).lineTo(left + width, ruleY).lineWidth(1.5).strokeColor(RED).stroke().strokeColor('black');
  doc.y = ruleY + 10;
  doc.fontSize(11).text(`${d.addressee}：`, left, doc.y);
  doc.moveDown(0.3).text(d.body, { indent: 22, lineGap: 3 });
  doc.moveDown(0.6);
  drawTable(doc, d.rows, left);
  doc.moveDown(0.6).fontSize(11).text(`回复期限：${d.replyDueZh}前`, left, doc.y, { width });
  doc.text(`联系方式：${d.contact}`, { width });
  if (d.reply) doc.moveDown(0.5).text(`回复情况：${d.reply}`, { width });
  doc.moveDown(2).text(d.issuer, { width, align: 'right' }).text(d.issuedOnZh, { width, align: 'right' });
  doc.end();
  return done;
}

function drawTable(doc: PDFKit.PDFDocument, rows: DocumentRow[], left: number): void {
  const bottom = (): number => doc.page.height - doc.page.margins.bottom;
  const drawRow = (cells: string[], header: boolean): void => {
    doc.fontSize(CELL_FONT);
    const heights = cells.map((c, i) => doc.heightOfString(c, { width: COLUMNS[i].width - 2 * PAD }));
    const h = Math.max(...heights) + 2 * PAD;
    if (doc.y + h > bottom()) {
      doc.addPage();
      if (!header) drawRow(COLUMNS.map((c) => c.title), true);
    }
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      const w = COLUMNS[i].width;
      if (header) doc.rect(x, y, w, h).fillAndStroke('#eeeeee', 'black').fillColor('black');
      else doc.rect(x, y, w, h).stroke();
      doc.text(c, x + PAD, y + PAD, { width: w - 2 * PAD });
      x += w;
    });
    doc.x = left;
    doc.y = y + h;
  };
  doc.lineWidth(0.5);
  drawRow(COLUMNS.map((c) => c.title), true);
  rows.forEach((r, i) => drawRow(COLUMNS.map((c) => c.cell(r, i)), false));
}
