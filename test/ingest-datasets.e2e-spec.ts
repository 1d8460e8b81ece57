import { DataSource } from 'typeorm';
import { adminHeaders } from './support/auth';
import { csv, Headers, idNumber, importFile, uploadFile, uploadJson, uscc, waitForImport } from './support/ingest';
import { startTestApp, TestApp } from './support/test-app';

/** Every dataset of data-contract.md loads from CSV with canonical headers (and JSON). */
describe('imports: every dataset', () => {
  let t: TestApp;
  let admin: Headers;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await adminHeaders(t);
    db = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t?.close();
  });

  const count = async (table: string): Promise<number> => Number((await db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  const files: Array<[string, string, string, number]> = [
    ['enterprises', 'enterprises', csv([['uscc', 'name', 'region_code'], [uscc(1), '甲建设集团有限公司', '420113'], [uscc(2), '乙劳务有限公司', '']]), 2],
    [
      'projects',
      'projects',
      csv([
        ['project_code', 'name', 'region_code', 'street_code', 'industry', 'construction_unit_uscc', 'general_contractor_uscc', 'contract_amount', 'contract_signed_on', 'started_on', 'planned_end_on', 'status', 'notice_board_posted'],
        ['P001', '某小区住宅工程', '420113', '420113001', 'housing', uscc(1), uscc(2), '12000000.00', '2025-01-02', '2025/2/1', '2026.12.31', 'in_progress', 'yes'],
        ['P002', '某道路工程', '420113', '', '市政', uscc(9), uscc(2), '800000', '2025-03-01', '', '', '在建', ''],
      ]),
      2,
    ],
    ['wage_accounts', 'wage_accounts', csv([['project_code', 'bank_name', 'account_number', 'opened_on', 'filed_on'], ['P001', '工商银行', '6222020200112233445', '2025-01-10', '2025-01-15']]), 1],
    ['deposits', 'deposits', csv([['project_code', 'contractor_uscc', 'form', 'amount', 'valid_from', 'valid_until'], ['P001', uscc(2), '银行保函', '240000', '2025-01-01', '']]), 1],
    ['labor_cost_allocations', 'labor_cost_allocations', csv([['project_code', 'txn_ref', 'paid_on', 'amount'], ['P001', 'T0001', '2025-02-01', '50000.5']]), 1],
    [
      'workers',
      'workers',
      csv([
        ['project_code', 'id_number', 'name', 'employer_uscc', 'team_name', 'team_leader_id_number', 'trade', 'entered_on', 'exited_on', 'contract_signed', 'bank_card_number'],
        ['P001', idNumber(1), '张三', uscc(2), '木工班', idNumber(2), '木工', '2025-01-05', '', '是', '6222 0202 0011 2233 445'],
        ['P001', idNumber(2), '李四', uscc(2), '木工班', '', '', '2025-01-05', '2025-06-30', 'N', ''],
      ]),
      2,
    ],
    ['attendance', 'attendance', csv([['project_code', 'id_number', 'period', 'days_worked'], ['P001', idNumber(1), '2025-02', '28'], ['P001', idNumber(5), '202502', '3']]), 2],
    [
      'payroll',
      'payroll',
      csv([
        ['project_code', 'id_number', 'period', 'payable_amount', 'paid_amount', 'paid_on', 'paid_via'],
        ['P001', idNumber(1), '2025-02', '6000.00', '6000', '2025-03-10', '专户代发'],
        ['P001', idNumber(2), '2025/02', '5000', '0', '', ''],
      ]),
      2,
    ],
    [
      'clues',
      'clues',
      csv([
        ['clue_id', 'received_on', 'source', 'region_code', 'project_code', 'employer_uscc', 'workers_involved', 'amount_claimed', 'summary'],
        ['C001', '2025-03-01', '12345热线', '420113', 'P001', uscc(2), '5', '"12,345.60"', '"反映拖欠工资, 涉及5人"'],
      ]),
      1,
    ],
    [
      'watchlist',
      'watchlist_entries',
      csv([['subject_type', 'subject_id', 'list', 'listed_on', 'expires_on', 'reason'], ['企业', uscc(3), '失信名单', '2024-01-01', '', '拖欠'], ['person', idNumber(3).toLowerCase(), 'bad_team', '2024-05-01', '2027-05-01', '']]),
      2,
    ],
    [
      'inspection_units',
      'inspection_units',
      csv([['unit_code', 'name', 'kind', 'region_code', 'street_codes', 'parent_unit_code', 'webhook_url'], ['B420113', '某区劳动保障监察大队', 'brigade', '420113', '', '', ''], ['T420113001', '某街道劳动保障监察中队', '中队', '420113', '420113001;420113002', 'B420113', 'https://example.org/hook']]),
      2,
    ],
    ['industry_bureaus', 'industry_bureaus', csv([['bureau_code', 'name', 'region_code', 'industries', 'webhook_url'], ['ZJ420113', '某区住房和城市建设局', '420113', 'housing;市政', '']]), 1],
  ];

  it.each(files)('loads %s', async (dataset, table, content, rows) => {
    const result = await importFile(t, admin, dataset, content);
    expect(result).toMatchObject({ status: 'succeeded', rowsTotal: rows, rowsAccepted: rows, rowsRejected: 0, errors: [] });
    expect(await count(table)).toBe(rows);
  });

  it('stores money as fen, PII sealed and masked, and creates unknown enterprises name-less', async () => {
    const [p] = await db.query("SELECT contract_amount_fen, notice_board_posted, started_on FROM projects WHERE project_code = 'P001'");
    expect(p).toEqual({ contract_amount_fen: 1200000000, notice_board_posted: true, started_on: '2025-02-01' });
    const [e] = await db.query('SELECT name FROM enterprises WHERE uscc = $1', [uscc(9)]);
    expect(e.name).toBe('');
    const [w] = await db.query("SELECT id_masked, bank_card_masked, contract_signed, encode(id_enc, 'hex') AS enc FROM workers WHERE name = '张三'");
    expect(w.id_masked).toBe(`${idNumber(1).slice(0, 6)}********${idNumber(1).slice(-4)}`);
    expect(w.bank_card_masked).toBe('***************3445');
    expect(w.enc).not.toContain(Buffer.from(idNumber(1)).toString('hex'));
    const [c] = await db.query('SELECT amount_claimed_fen, source FROM clues');
    expect(c).toEqual({ amount_claimed_fen: 1234560, source: 'hotline' });
    const [a] = await db.query('SELECT amount_fen FROM labor_cost_allocations');
    expect(a.amount_fen).toBe(5000050);
    const [u] = await db.query("SELECT street_codes FROM inspection_units WHERE unit_code = 'T420113001'");
    expect(u.street_codes).toEqual(['420113001', '420113002']);
    const [b] = await db.query('SELECT industries FROM industry_bureaus');
    expect(b.industries).toEqual(['housing', 'municipal']);
    const wl = await db.query('SELECT subject_type, subject_key, subject_display FROM watchlist_entries ORDER BY subject_type');
    expect(wl[0]).toMatchObject({ subject_type: 'enterprise', subject_key: uscc(3), subject_display: uscc(3) });
    expect(wl[1].subject_key).toMatch(/^[0-9a-f]{64}$/);
    expect(wl[1].subject_display).toContain('********');
  });

  it('warns about projects naming unknown enterprises', async () => {
    const content = csv([
      ['project_code', 'name', 'region_code', 'industry', 'construction_unit_uscc', 'general_contractor_uscc', 'contract_amount', 'contract_signed_on', 'status'],
      ['P003', '某水利工程', '420113', 'water', uscc(11), uscc(2), '1', '2025-01-01', 'planned'],
    ]);
    const result = await importFile(t, admin, 'projects', content);
    expect(result.status).toBe('succeeded');
    expect(result.warnings.join(' ')).toContain(uscc(11));
  });

  it('loads a JSON array body', async () => {
    const up = await uploadJson(t, admin, 'labor_cost_allocations', [
      { project_code: 'P001', txn_ref: 'T0002', paid_on: '2025-03-01', amount: 1000.25 },
      { project_code: 'P001', txn_ref: 'T0003', paid_on: '2025-03-02', amount: '0' },
    ]);
    expect(up.status).toBe(202);
    const result = await waitForImport(t, admin, up.body.id);
    expect(result).toMatchObject({ status: 'succeeded_with_errors', rowsAccepted: 1, rowsRejected: 1 });
    expect(result.errors).toEqual([expect.objectContaining({ row: 3, column: 'amount', code: 'AMOUNT_NOT_POSITIVE' })]);
    const [a] = await db.query("SELECT amount_fen FROM labor_cost_allocations WHERE txn_ref = 'T0002'");
    expect(a.amount_fen).toBe(100025);
  });

  it('answers an unknown dataset with 404 naming the valid ones', async () => {
    const up = await uploadFile(t, admin, 'salaries', 'a,b\n1,2\n');
    expect(up.status).toBe(404);
    expect(up.body.message).toContain('payroll');
  });

  it('answers a request with neither file nor JSON array with 400', async () => {
    const up = await uploadJson(t, admin, 'payroll', { not: 'an array' });
    expect(up.status).toBe(400);
  });
});
