import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { DataSource } from 'typeorm';
import { adminHeaders } from './support/auth';
import { csv, Headers, idNumber, importFile, uploadJson, uscc, waitForImport } from './support/ingest';
import { runScan } from './support/scans';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Bank reconciliation through the real service: bank_transfers loaded by the import API
 * (GB18030 CSV with Chinese headers and values, XLSX, JSON), a scan as of D = 2026-11-03
 * (P = 2026-10), the scan report, the alerts and the project page.
 */
const D = '2026-11-03';
const WAGE_ACCOUNT = (n: number): string => `62220202001122${String(n).padStart(5, '0')}`;
const OTHER_ACCOUNT = '6228480000000000001';

/** Projects of the test: [code, workers, paid per worker]. */
const PROJECTS: Array<[string, number]> = [
  ['BT-EXACT', 2],
  ['BT-SPLIT', 1],
  ['BT-BLANK-IN', 1],
  ['BT-BLANK-OUT', 1],
  ['BT-FAILED', 2],
  ['BT-RETURNED', 5],
  ['BT-WRONG', 1],
  ['BT-STALE', 1],
  ['BT-NOFEED', 1],
  ['BT-DIVERT', 2],
];

let idSeq = 0;
const ids = new Map<string, string[]>(PROJECTS.map(([code, n]) => [code, Array.from({ length: n }, () => idNumber(++idSeq))]));
const worker = (code: string, i = 0): string => (ids.get(code) as string[])[i];
const accountOf = (code: string): string => WAGE_ACCOUNT(PROJECTS.findIndex(([c]) => c === code) + 1);
const STRANGER = idNumber(900);

const HEADER_ZH = ['项目编码', '银行流水号', '付款账号', '交易日期', '收款人身份证号', '收款人姓名', '收款卡号', '交易金额', '工资所属月份', '交易状态'];
let txn = 0;
/** A row in the column order of HEADER_ZH. */
const row = (code: string, payee: string, amount: string, on: string, period: string, status = '成功', account = accountOf(code)): string[] => [
  code, `YH${String(++txn).padStart(8, '0')}`, account, on, payee, '', '6222020200112233445', amount, period, status,
];

/** The bank's file (GB18030, Chinese headers and values), with four bad rows. */
function bankCsv(): Buffer {
  const rows = [
    HEADER_ZH,
    ...ids.get('BT-EXACT')!.map((id) => row('BT-EXACT', id, '3000.00', '2026/10/28', '2026-10')),
    row('BT-SPLIT', worker('BT-SPLIT'), '1000', '2026-10-28', '202610'),
    row('BT-SPLIT', worker('BT-SPLIT'), '2000', '2026-10-29', '2026/10'),
    row('BT-BLANK-IN', worker('BT-BLANK-IN'), '3000', '2026-10-31', ''),
    row('BT-BLANK-OUT', worker('BT-BLANK-OUT'), '3000', '2026-11-02', ''),
    row('BT-FAILED', worker('BT-FAILED', 0), '3000', '2026-10-28', '2026-10', '失败'),
    row('BT-FAILED', worker('BT-FAILED', 1), '3000', '2026-10-28', '2026-10'),
    ...ids.get('BT-RETURNED')!.map((id, i) => row('BT-RETURNED', id, '3000', '2026-10-28', '2026-10', i === 0 ? '退回' : '成功')),
    row('BT-STALE', worker('BT-STALE'), '3000', '2026-08-28', '2026-08'),
    ['BT-EXACT', 'BAD1', WAGE_ACCOUNT(1), '2026-10-28', '420113199001011236', '', '', '10', '', ''],
    ['BT-EXACT', 'BAD2', WAGE_ACCOUNT(1), '2026-10-28', worker('BT-EXACT'), '', '', '0', '', ''],
    ['BT-EXACT', 'BAD3', WAGE_ACCOUNT(1), '2026-10-28', worker('BT-EXACT'), '', '', '10', '', '未知'],
    ['BT-UNKNOWN', 'BAD4', WAGE_ACCOUNT(1), '2026-10-28', worker('BT-EXACT'), '', '', '10', '', ''],
  ];
  return iconv.encode(csv(rows.map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)))), 'gb18030');
}

describe('bank reconciliation end to end (import API, scan, project page)', () => {
  let t: TestApp;
  let admin: Headers;
  let db: DataSource;
  let firstBankImport: number;

  const load = async (dataset: string, rows: Array<Array<string | number>>): Promise<void> => {
    const r = await importFile(t, admin, dataset, csv(rows));
    expect({ dataset, status: r.status, errors: r.errors }).toEqual({ dataset, status: 'succeeded', errors: [] });
  };
  const bankAlerts = async (): Promise<string[]> => {
    const res = await fetch(`${t.baseUrl}/api/v1/alerts?pageSize=500`, { headers: admin });
    const body = (await res.json()) as { items: Array<{ projectCode: string; rule: string; severity: string; status: string; period: string }> };
    return body.items
      .filter((a) => a.rule === 'PAYROLL_UNVERIFIED' || a.rule === 'ACCOUNT_DIVERSION')
      .map((a) => `${a.projectCode} ${a.rule} ${a.period} ${a.severity} ${a.status}`)
      .sort();
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await adminHeaders(t);
    db = t.app.get(DataSource);
    await load('enterprises', [['uscc', 'name'], [uscc(1), '甲建设集团有限公司'], [uscc(2), '乙劳务有限公司']]);
    await load('projects', [
      ['project_code', 'name', 'region_code', 'industry', 'construction_unit_uscc', 'general_contractor_uscc', 'contract_amount', 'contract_signed_on', 'started_on', 'status'],
      ...PROJECTS.map(([code]) => [code, `工程 ${code}`, '420113', 'housing', uscc(1), uscc(2), '2000000', '2025-01-02', '2025-02-01', 'in_progress']),
    ]);
    await load('wage_accounts', [
      ['project_code', 'bank_name', 'account_number', 'opened_on', 'filed_on'],
      ...PROJECTS.map(([code]) => [code, '工商银行', accountOf(code), '2025-01-10', '2025-01-15']),
    ]);
    await load('workers', [
      ['project_code', 'id_number', 'name', 'employer_uscc', 'entered_on'],
      ...PROJECTS.flatMap(([code]) => ids.get(code)!.map((id, i) => [code, id, `工人${code.slice(3)}${i}`, uscc(2), '2025-02-01'])),
    ]);
    await load('payroll', [
      ['project_code', 'id_number', 'period', 'payable_amount', 'paid_amount', 'paid_on', 'paid_via'],
      ...PROJECTS.flatMap(([code]) => ids.get(code)!.map((id) => [code, id, '2026-10', '3000', '3000', '2026-10-28', '专户代发'])),
    ]);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('imports the bank file (GB18030, Chinese headers and values) with row errors, sealed and masked', async () => {
    const r = await importFile(t, admin, 'bank_transfers', bankCsv());
    firstBankImport = r.id;
    expect(r).toMatchObject({ status: 'succeeded_with_errors', rowsAccepted: 14, rowsRejected: 4 });
    expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [16, 'payee_id_number', 'INVALID_ID_NUMBER'],
      [17, 'amount', 'AMOUNT_NOT_POSITIVE'],
      [18, 'status', 'INVALID_ENUM'],
      [19, 'project_code', 'UNKNOWN_PROJECT'],
    ]);
    const [split] = await db.query(
      `SELECT amount_fen, period, status, payee_id_masked, account_number_masked, payee_card_masked, encode(payee_id_enc, 'hex') AS enc
         FROM bank_transfers WHERE project_code = 'BT-SPLIT' ORDER BY txn_ref LIMIT 1`,
    );
    expect(split).toMatchObject({ amount_fen: 100000, period: '2026-10-01', status: 'succeeded', account_number_masked: expect.stringMatching(/^\*+\d{4}$/) });
    expect(split.payee_id_masked).toBe(`${worker('BT-SPLIT').slice(0, 6)}********${worker('BT-SPLIT').slice(-4)}`);
    expect(split.payee_card_masked).toBe('***************3445');
    expect(split.enc).not.toContain(Buffer.from(worker('BT-SPLIT')).toString('hex'));
    expect(await db.query(`SELECT status, count(*)::int AS n FROM bank_transfers GROUP BY status ORDER BY status`)).toEqual([
      { status: 'failed', n: 1 },
      { status: 'returned', n: 1 },
      { status: 'succeeded', n: 12 },
    ]);
  });

  it('also takes XLSX (Excel date cells) and JSON', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('代发明细');
    ws.addRow(HEADER_ZH);
    for (const id of ids.get('BT-DIVERT')!) ws.addRow(['BT-DIVERT', `XL-${id.slice(-4)}`, accountOf('BT-DIVERT'), new Date(Date.UTC(2026, 9, 28)), id, '', '', 3000, '2026-10', '成功']);
    ws.addRow(['BT-DIVERT', 'XL-STRANGER', accountOf('BT-DIVERT'), new Date(Date.UTC(2026, 9, 15)), STRANGER, '陈某', '', 1000, '', '成功']);
    ws.getColumn(4).numFmt = 'yyyy-mm-dd';
    const x = await importFile(t, admin, 'bank_transfers', Buffer.from(await wb.xlsx.writeBuffer()), 'transfers.xlsx');
    expect(x).toMatchObject({ status: 'succeeded', rowsAccepted: 3 });
    const up = await uploadJson(t, admin, 'bank_transfers', [
      { project_code: 'BT-WRONG', txn_ref: 'JS-1', account_number: OTHER_ACCOUNT, transferred_on: '2026-10-28', payee_id_number: worker('BT-WRONG'), amount: '3000.00', period: '2026-10' },
    ]);
    expect(up.status).toBe(202);
    expect(await waitForImport(t, admin, up.body.id)).toMatchObject({ status: 'succeeded', rowsAccepted: 1 });
  });

  it('a scan raises exactly the specified bank alerts and reports the projects with a bank feed', async () => {
    const scan = await runScan(t, admin, D);
    expect(scan.status).toBe('succeeded');
    // EXACT SPLIT BLANK-IN BLANK-OUT FAILED RETURNED WRONG DIVERT; not STALE (August only) nor NOFEED
    expect(scan.bankFeedProjects).toBe(8);
    const skipped = scan.skipped as Array<{ rule: string }>;
    expect(skipped.filter((s) => s.rule === 'PAYROLL_UNVERIFIED' || s.rule === 'ACCOUNT_DIVERSION')).toEqual([]);
    expect(await bankAlerts()).toEqual([
      'BT-BLANK-OUT PAYROLL_UNVERIFIED 2026-10 red open', // blank period 5 days after paid_on
      'BT-DIVERT ACCOUNT_DIVERSION 2026-10 red open', // 1,000 of 7,000 to a stranger
      'BT-FAILED PAYROLL_UNVERIFIED 2026-10 red open', // 3,000 of 6,000 failed
      'BT-RETURNED PAYROLL_UNVERIFIED 2026-10 orange open', // 3,000 of 15,000 returned: exactly 20 %
      'BT-WRONG PAYROLL_UNVERIFIED 2026-10 red open', // paid from an account that is not the wage account
    ]);
    const res = await fetch(`${t.baseUrl}/api/v1/alerts?pageSize=500&rule=ACCOUNT_DIVERSION`, { headers: admin });
    const text = await res.text();
    expect(text).not.toContain(STRANGER);
    const divert = (JSON.parse(text) as { items: Array<{ rule: string; evidence: Record<string, unknown> }> }).items.find((a) => a.rule === 'ACCOUNT_DIVERSION');
    expect(divert?.evidence).toMatchObject({
      transferredYuan: '7000.00', divertedYuan: '1000.00', payeesConcerned: 1,
      payees: [{ name: '陈某', idMasked: `${STRANGER.slice(0, 6)}********${STRANGER.slice(-4)}`, transferredYuan: '1000.00', reportedYuan: '0.00' }],
    });
  });

  it('re-importing the bank file changes nothing, and the next scan finds the same', async () => {
    const before = await db.query(`SELECT txn_ref, updated_at, last_import_id FROM bank_transfers ORDER BY project_code, txn_ref`);
    txn = 0;
    const again = await importFile(t, admin, 'bank_transfers', bankCsv());
    expect(again).toMatchObject({ status: 'succeeded_with_errors', rowsAccepted: 14, rowsRejected: 4 });
    expect(again.id).not.toBe(firstBankImport);
    expect(await db.query(`SELECT txn_ref, updated_at, last_import_id FROM bank_transfers ORDER BY project_code, txn_ref`)).toEqual(before);
    expect(await db.query('SELECT * FROM import_changes WHERE import_id = $1', [again.id])).toEqual([]);
    const alertsBefore = await bankAlerts();
    const scan = await runScan(t, admin, D);
    expect(scan).toMatchObject({ status: 'succeeded', bankFeedProjects: 8, alertsRaised: 0, alertsCleared: 0 });
    expect(await bankAlerts()).toEqual(alertsBefore);
  });

  it('shows per month what the bank transferred next to reported paid, null without a feed', async () => {
    const month = async (code: string): Promise<Record<string, unknown> | undefined> => {
      const res = await fetch(`${t.baseUrl}/api/v1/projects/${code}`, { headers: admin });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { monthly: Array<Record<string, unknown>> };
      return body.monthly.find((m) => m.period === '2026-10');
    };
    expect(await month('BT-SPLIT')).toMatchObject({ paid: '3000.00', bankTransferred: '3000.00' });
    expect(await month('BT-BLANK-IN')).toMatchObject({ paid: '3000.00', bankTransferred: '3000.00' });
    expect(await month('BT-RETURNED')).toMatchObject({ paid: '15000.00', bankTransferred: '12000.00' });
    expect(await month('BT-WRONG')).toMatchObject({ paid: '3000.00', bankTransferred: '0.00' });
    expect(await month('BT-DIVERT')).toMatchObject({ paid: '6000.00', bankTransferred: '7000.00' });
    expect(await month('BT-NOFEED')).toMatchObject({ paid: '3000.00', bankTransferred: null });
  });

  it('a project whose feed is gone is not evaluated: its open bank alert is neither cleared nor skipped', async () => {
    // The bank corrects BT-FAILED's only succeeded transfer to failed: no succeeded transfer left, no feed.
    const fix = await uploadJson(t, admin, 'bank_transfers', [
      { project_code: 'BT-FAILED', txn_ref: 'YH00000008', account_number: accountOf('BT-FAILED'), transferred_on: '2026-10-28', payee_id_number: worker('BT-FAILED', 1), amount: '3000', period: '2026-10', status: 'failed' },
    ]);
    expect(await waitForImport(t, admin, fix.body.id)).toMatchObject({ status: 'succeeded', rowsAccepted: 1 });
    expect(await db.query(`SELECT count(*)::int AS n FROM bank_transfers WHERE project_code = 'BT-FAILED' AND status = 'succeeded'`)).toEqual([{ n: 0 }]);
    const scan = await runScan(t, admin, D);
    expect(scan).toMatchObject({ status: 'succeeded', bankFeedProjects: 7, alertsCleared: 0 });
    expect((scan.skipped as Array<{ rule: string }>).filter((s) => s.rule === 'PAYROLL_UNVERIFIED')).toEqual([]);
    expect(await bankAlerts()).toContain('BT-FAILED PAYROLL_UNVERIFIED 2026-10 red open');
  });
});
