import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { DataSource } from 'typeorm';
import { adminHeaders, createApiKey, loginAs } from './support/auth';
import { csv, getImport, Headers, idNumber, importFile, uploadFile, uscc } from './support/ingest';
import { startTestApp, TestApp } from './support/test-app';
import { Role } from '@wage/auth';

const PROJECT_HEADER = ['project_code', 'name', 'region_code', 'street_code', 'industry', 'construction_unit_uscc', 'general_contractor_uscc', 'contract_amount', 'contract_signed_on', 'status'];
const project = (code: string, street = ''): string[] => [code, '工程', '420113', street, 'housing', uscc(1), uscc(2), '100', '2025-01-01', 'in_progress'];
const PAYROLL_HEADER = ['project_code', 'id_number', 'period', 'payable_amount', 'paid_amount', 'paid_on', 'paid_via'];

/** File formats, every error code, idempotency, audit trail, atomic mode, access. */
describe('imports: files, errors and merging', () => {
  let t: TestApp;
  let admin: Headers;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await adminHeaders(t);
    db = t.app.get(DataSource);
    const r = await importFile(t, admin, 'projects', csv([PROJECT_HEADER, project('P1'), project('P2')]));
    expect(r.status).toBe('succeeded');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reports every row error code with the row and column a clerk sees', async () => {
    const long = 'X'.repeat(65);
    const projects = csv([
      PROJECT_HEADER,
      ['', '工程', '420113', '', 'housing', uscc(1), uscc(2), '100', '2025-01-01', 'planned'], // 2 REQUIRED
      [long, '工程', '420113', '', 'housing', uscc(1), uscc(2), '100', '2025-01-01', 'planned'], // 3 TOO_LONG
      ['E4', '工程', '42011', '', 'housing', uscc(1), uscc(2), '100', '2025-01-01', 'planned'], // 4 INVALID_REGION_CODE
      ['E5', '工程', '420113', '4201130', 'housing', uscc(1), uscc(2), '100', '2025-01-01', 'planned'], // 5 INVALID_STREET_CODE
      ['E6', '工程', '420113', '420114001', 'housing', uscc(1), uscc(2), '100', '2025-01-01', 'planned'], // 6 STREET_NOT_IN_REGION
      ['E7', '工程', '420113', '', 'roads', uscc(1), uscc(2), '100', '2025-01-01', 'planned'], // 7 INVALID_ENUM
      ['E8', '工程', '420113', '', 'housing', '91420100MA00000011', uscc(2), '100', '2025-01-01', 'planned'], // 8 INVALID_USCC
      ['E9', '工程', '420113', '', 'housing', uscc(1), uscc(2), '1.234', '2025-01-01', 'planned'], // 9 INVALID_MONEY
      ['E10', '工程', '420113', '', 'housing', uscc(1), uscc(2), '100', '2025-02-30', 'planned'], // 10 INVALID_DATE
      ['E11', '工程', '420113', '', 'housing', uscc(1), uscc(2), '12', '345.60', '2025-01-01', 'planned'], // 11 TOO_MANY_CELLS
    ]);
    const r1 = await importFile(t, admin, 'projects', projects);
    const badId = idNumber(1).slice(0, 17) + (idNumber(1)[17] === '1' ? '2' : '1');
    const payroll = csv([
      PAYROLL_HEADER,
      ['P1', badId, '2025-02', '1', '0', '', ''], // 2 INVALID_ID_NUMBER
      ['P1', idNumber(1), '2025-13', '1', '0', '', ''], // 3 INVALID_PERIOD
      ['P1', idNumber(1), '2025-02', '1', '1', '', ''], // 4 PAID_ON_REQUIRED
      ['NOPE', idNumber(1), '2025-02', '1', '0', '', ''], // 5 UNKNOWN_PROJECT
    ]);
    const r2 = await importFile(t, admin, 'payroll', payroll);
    const attendance = csv([
      ['project_code', 'id_number', 'period', 'days_worked'],
      ['P1', idNumber(1), '2025-02', '29'], // 2 OUT_OF_RANGE (February 2025 has 28 days)
      ['P1', idNumber(1), '2025-03', 'ten'], // 3 INVALID_INTEGER
    ]);
    const r3 = await importFile(t, admin, 'attendance', attendance);
    const workers = csv([
      ['project_code', 'id_number', 'name', 'employer_uscc', 'entered_on', 'contract_signed', 'bank_card_number'],
      ['P1', idNumber(1), '张三', uscc(2), '2025-01-01', 'maybe', ''], // 2 INVALID_BOOLEAN
      ['P1', idNumber(2), '李四', uscc(2), '2025-01-01', '', '12345'], // 3 INVALID_BANK_NUMBER
    ]);
    const r4 = await importFile(t, admin, 'workers', workers);
    const units = csv([['unit_code', 'name', 'kind', 'region_code', 'webhook_url'], ['B1', '大队', 'brigade', '420113', 'not a url']]);
    const r5 = await importFile(t, admin, 'inspection_units', units);
    const allocations = csv([['project_code', 'txn_ref', 'paid_on', 'amount'], ['P1', 'T1', '2025-01-01', '0.00']]);
    const r6 = await importFile(t, admin, 'labor_cost_allocations', allocations);

    const seen = [r1, r2, r3, r4, r5, r6].flatMap((r) => r.errors.map((e) => `${e.row}:${e.column}:${e.code}`));
    expect(seen).toEqual(
      expect.arrayContaining([
        '2:project_code:REQUIRED',
        '3:project_code:TOO_LONG',
        '4:region_code:INVALID_REGION_CODE',
        '5:street_code:INVALID_STREET_CODE',
        '6:street_code:STREET_NOT_IN_REGION',
        '7:industry:INVALID_ENUM',
        '8:construction_unit_uscc:INVALID_USCC',
        '9:contract_amount:INVALID_MONEY',
        '10:contract_signed_on:INVALID_DATE',
        '11::TOO_MANY_CELLS',
        '2:id_number:INVALID_ID_NUMBER',
        '3:period:INVALID_PERIOD',
        '4:paid_on:PAID_ON_REQUIRED',
        '5:project_code:UNKNOWN_PROJECT',
        '2:days_worked:OUT_OF_RANGE',
        '3:days_worked:INVALID_INTEGER',
        '2:contract_signed:INVALID_BOOLEAN',
        '3:bank_card_number:INVALID_BANK_NUMBER',
        '2:webhook_url:INVALID_URL',
        '2:amount:AMOUNT_NOT_POSITIVE',
      ]),
    );
    expect(r1).toMatchObject({ status: 'succeeded_with_errors', rowsTotal: 10, rowsAccepted: 0, rowsRejected: 10 });
    expect(r2.errors.find((e) => e.code === 'UNKNOWN_PROJECT')?.message).toContain('NOPE');

    const res = await fetch(`${t.baseUrl}/api/v1/imports/${r1.id}/errors.csv`, { headers: admin });
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf])); // BOM: Excel opens it as UTF-8
    const lines = bytes.subarray(3).toString('utf8').trim().split(/\r\n/);
    expect(lines[0]).toBe('row,column,code,message');
    expect(lines).toHaveLength(11);
  });

  it('reads a GB18030 file with Chinese headers and values', async () => {
    const text = csv([
      ['项目编码', '身份证号', '工资所属月份', '应发金额', '实发金额', '发放日期', '发放方式', '备注'],
      ['P1', idNumber(10), '2025年', '100', '0', '', '', ''],
      ['P1', idNumber(11), '2025/03', '"1,200.50"', '1200.5', '2025/4/10', '现金', '无'],
    ]);
    const r = await importFile(t, admin, 'payroll', iconv.encode(text, 'gb18030'));
    expect(r).toMatchObject({ status: 'succeeded_with_errors', rowsAccepted: 1, rowsRejected: 1 });
    expect(r.errors[0]).toMatchObject({ row: 2, column: 'period', code: 'INVALID_PERIOD' });
    expect(r.errors[0].message).toContain('2025年');
    expect(r.warnings).toEqual(['Ignored unknown columns: 备注']);
    const [p] = await db.query("SELECT payable_fen, paid_via, paid_on FROM payroll WHERE period = '2025-03-01'");
    expect(p).toEqual({ payable_fen: 120050, paid_via: 'cash', paid_on: '2025-04-10' });
  });

  it('reads a GBK file whose first 70 KB are ASCII: every row loads, Chinese intact', async () => {
    const rows = [['project_code', 'txn_ref', 'paid_on', 'amount']];
    for (let i = 0; rows.length < 3_000; i++) rows.push(['P2', `ASCII${String(i).padStart(6, '0')}`, '2025-02-01', '1.00']);
    const ascii = csv(rows);
    expect(ascii.length).toBeGreaterThan(70 * 1024);
    const text = ascii + csv([['P2', '流水号甲', '2025-02-02', '2.00'], ['P2', '拨付乙', '2025-02-03', '3.00']]);
    const r = await importFile(t, admin, 'labor_cost_allocations', iconv.encode(text, 'gbk'));
    expect(r).toMatchObject({ status: 'succeeded', rowsTotal: 3_001, rowsAccepted: 3_001 });
    const refs = await db.query("SELECT txn_ref FROM labor_cost_allocations WHERE project_code = 'P2' AND txn_ref NOT LIKE 'ASCII%' ORDER BY txn_ref");
    expect(refs.map((x: { txn_ref: string }) => x.txn_ref).sort()).toEqual(['拨付乙', '流水号甲'].sort());
  });

  it('reads a UTF-8 file with a BOM and skips blank lines', async () => {
    const text = '\uFEFF' + csv([['project_code', 'txn_ref', 'paid_on', 'amount'], ['P1', 'BOM1', '2025-01-01', '1']]) + '\n,,,\n' + csv([['P1', 'BOM2', '2025-01-02', '2']]);
    const r = await importFile(t, admin, 'labor_cost_allocations', text);
    expect(r).toMatchObject({ status: 'succeeded', rowsTotal: 2, rowsAccepted: 2, warnings: [] });
  });

  it('reads the first worksheet of an XLSX file, with Excel date cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('工人');
    ws.addRow(['项目编码', '身份证号', '姓名', '用工单位信用代码', '进场日期', '签订劳动合同']);
    ws.addRow(['P1', idNumber(20), '王五', uscc(2), new Date(Date.UTC(2025, 0, 31)), true]);
    ws.addRow(['P1', idNumber(21), '赵六', uscc(2), '2025.2.1', '否']);
    ws.getColumn(5).numFmt = 'yyyy-mm-dd';
    wb.addWorksheet('other').addRow(['ignored']);
    const r = await importFile(t, admin, 'workers', Buffer.from(await wb.xlsx.writeBuffer()), 'workers.xlsx');
    expect(r).toMatchObject({ status: 'succeeded', rowsAccepted: 2 });
    const rows = await db.query('SELECT name, entered_on, contract_signed FROM workers WHERE name IN ($1, $2) ORDER BY entered_on', ['王五', '赵六']);
    expect(rows).toEqual([
      { name: '王五', entered_on: '2025-01-31', contract_signed: true },
      { name: '赵六', entered_on: '2025-02-01', contract_signed: false },
    ]);
  });

  it('changes nothing when the same file is imported twice, and audits a correction', async () => {
    const first = csv([PAYROLL_HEADER, ['P2', idNumber(30), '2025-05', '3000', '3000', '2025-06-05', ''], ['P2', idNumber(31), '2025-05', '2000', '0', '', '']]);
    expect((await importFile(t, admin, 'payroll', first)).status).toBe('succeeded');
    const before = await db.query("SELECT updated_at, last_import_id FROM payroll WHERE project_code = 'P2' ORDER BY id_masked");
    const again = await importFile(t, admin, 'payroll', first);
    expect(again.status).toBe('succeeded');
    expect(await db.query("SELECT updated_at, last_import_id FROM payroll WHERE project_code = 'P2' ORDER BY id_masked")).toEqual(before);
    expect(await db.query('SELECT * FROM import_changes WHERE import_id = $1', [again.id])).toEqual([]);

    const corrected = csv([PAYROLL_HEADER, ['P2', idNumber(30), '2025-05', '3000', '3000', '2025-06-05', ''], ['P2', idNumber(31), '2025-05', '2000', '2000', '2025-06-20', '']]);
    const fix = await importFile(t, admin, 'payroll', corrected);
    expect(fix.status).toBe('succeeded');
    const changes = await db.query('SELECT natural_key, old, new FROM import_changes WHERE import_id = $1', [fix.id]);
    expect(changes).toHaveLength(1);
    expect(changes[0].natural_key).toBe(`P2 / ${idNumber(31).slice(0, 6)}********${idNumber(31).slice(-4)} / 2025-05`);
    expect(changes[0].old).toMatchObject({ paid_fen: 0, paid_on: null });
    expect(changes[0].new).toMatchObject({ paid_fen: 200000, paid_on: '2025-06-20' });
    expect(changes[0].new).not.toHaveProperty('id_enc');
  });

  it('keeps the last of repeated rows in one file', async () => {
    const text = csv([['project_code', 'txn_ref', 'paid_on', 'amount'], ['P2', 'DUP', '2025-01-01', '1'], ['P2', 'DUP', '2025-01-01', '2']]);
    expect((await importFile(t, admin, 'labor_cost_allocations', text)).status).toBe('succeeded');
    expect(await db.query("SELECT amount_fen FROM labor_cost_allocations WHERE txn_ref = 'DUP'")).toEqual([{ amount_fen: 200 }]);
  });

  it('writes nothing in atomic mode when a row is bad', async () => {
    const text = csv([['project_code', 'txn_ref', 'paid_on', 'amount'], ['P2', 'AT1', '2025-01-01', '1'], ['P2', 'AT2', 'someday', '1']]);
    const r = await importFile(t, admin, 'labor_cost_allocations', text, 'a.csv', '?atomic=true');
    expect(r).toMatchObject({ status: 'failed', rowsAccepted: 0, rowsRejected: 1 });
    expect(r.errorMessage).toContain('atomic');
    expect(r.errors).toHaveLength(1);
    expect(await db.query("SELECT * FROM labor_cost_allocations WHERE txn_ref LIKE 'AT%'")).toEqual([]);
    const ok = await importFile(t, admin, 'labor_cost_allocations', csv([['project_code', 'txn_ref', 'paid_on', 'amount'], ['P2', 'AT1', '2025-01-01', '1']]), 'a.csv', '?atomic=true');
    expect(ok.status).toBe('succeeded');
  });

  it.each([
    ['an empty file', '', /empty/],
    ['a header without data', 'project_code,txn_ref,paid_on,amount\n', null],
    ['a missing required column', 'project_code,txn_ref,amount\nP1,T,1\n', /paid_on \(拨付日期\)/],
    ['random bytes', randomBytes(4096), /not a CSV|could not be read|Required column/],
  ])('handles %s', async (_label, content, failure) => {
    const r = await importFile(t, admin, 'labor_cost_allocations', content as string | Buffer);
    if (failure) {
      expect(r.status).toBe('failed');
      expect(r.errorMessage).toMatch(failure);
    } else {
      expect(r).toMatchObject({ status: 'succeeded', rowsTotal: 0, warnings: ['The file has a header but no data rows'] });
    }
  });

  it('lets submitters import and see only their own imports', async () => {
    const a = await createApiKey(t, 'bank-a');
    const b = await createApiKey(t, 'bank-b');
    const r = await importFile(t, a.headers, 'labor_cost_allocations', csv([['project_code', 'txn_ref', 'paid_on', 'amount'], ['P1', 'SUB1', '2025-01-01', '1']]));
    expect(r.status).toBe('succeeded');
    expect((await getImport(t, b.headers, r.id)).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/api/v1/imports/${r.id}/errors.csv`, { headers: b.headers })).status).toBe(404);
    const list = (await (await fetch(`${t.baseUrl}/api/v1/imports`, { headers: a.headers })).json()) as { items: Array<{ id: number }>; total: number };
    expect(list.items.map((i) => i.id)).toEqual([r.id]);
    const all = (await (await fetch(`${t.baseUrl}/api/v1/imports`, { headers: admin })).json()) as { total: number };
    expect(all.total).toBeGreaterThan(1);
    const inspector = await loginAs(t, { role: Role.Inspector, unitCode: 'B1' });
    expect((await uploadFile(t, inspector.headers, 'payroll', 'x')).status).toBe(403);
  });
});
