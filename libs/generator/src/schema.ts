/** The datasets of data-contract.md, their canonical columns and Chinese header aliases. */
export const DATASET_NAMES = [
  'enterprises',
  'projects',
  'inspection_units',
  'industry_bureaus',
  'wage_accounts',
  'deposits',
  'labor_cost_allocations',
  'workers',
  'attendance',
  'payroll',
  'clues',
  'watchlist',
  'bank_transfers',
] as const;

export type DatasetName = (typeof DATASET_NAMES)[number];

/** A generated row: canonical column name → cell text ('' = blank). */
export type Row = Record<string, string>;

type Columns = readonly (readonly [string, string])[];

export const DATASET_COLUMNS: Record<DatasetName, Columns> = {
  enterprises: [['uscc', '统一社会信用代码'], ['name', '企业名称'], ['region_code', '注册地区划代码']],
  projects: [
    ['project_code', '项目编码'], ['name', '项目名称'], ['region_code', '项目所在区县代码'],
    ['street_code', '街道代码'], ['industry', '行业类别'], ['construction_unit_uscc', '建设单位信用代码'],
    ['general_contractor_uscc', '总包单位信用代码'], ['contract_amount', '合同金额'],
    ['contract_signed_on', '合同签订日期'], ['started_on', '开工日期'], ['planned_end_on', '计划竣工日期'],
    ['status', '项目状态'], ['notice_board_posted', '维权告示牌'],
  ],
  inspection_units: [
    ['unit_code', '机构编码'], ['name', '机构名称'], ['kind', '机构类型'], ['region_code', '区划代码'],
    ['street_codes', '街道代码'], ['parent_unit_code', '上级机构编码'], ['webhook_url', '推送地址'],
  ],
  industry_bureaus: [
    ['bureau_code', '部门编码'], ['name', '部门名称'], ['region_code', '区划代码'],
    ['industries', '监管行业'], ['webhook_url', '推送地址'],
  ],
  wage_accounts: [
    ['project_code', '项目编码'], ['bank_name', '开户银行'], ['account_number', '专用账户账号'],
    ['opened_on', '开户日期'], ['filed_on', '备案日期'],
  ],
  deposits: [
    ['project_code', '项目编码'], ['contractor_uscc', '存储单位信用代码'], ['form', '存储形式'],
    ['amount', '金额'], ['valid_from', '生效日期'], ['valid_until', '失效日期'],
  ],
  labor_cost_allocations: [
    ['project_code', '项目编码'], ['txn_ref', '交易流水号'], ['paid_on', '拨付日期'], ['amount', '拨付金额'],
  ],
  workers: [
    ['project_code', '项目编码'], ['id_number', '身份证号'], ['name', '姓名'], ['employer_uscc', '用工单位信用代码'],
    ['team_name', '班组'], ['team_leader_id_number', '班组长身份证号'], ['trade', '工种'],
    ['entered_on', '进场日期'], ['exited_on', '退场日期'], ['contract_signed', '签订劳动合同'],
    ['bank_card_number', '工资卡号'],
  ],
  attendance: [['project_code', '项目编码'], ['id_number', '身份证号'], ['period', '考勤月份'], ['days_worked', '出勤天数']],
  payroll: [
    ['project_code', '项目编码'], ['id_number', '身份证号'], ['period', '工资所属月份'],
    ['payable_amount', '应发金额'], ['paid_amount', '实发金额'], ['paid_on', '发放日期'], ['paid_via', '发放方式'],
  ],
  clues: [
    ['clue_id', '线索编号'], ['received_on', '受理日期'], ['source', '来源'], ['region_code', '区县代码'],
    ['project_code', '项目编码'], ['employer_uscc', '被反映单位信用代码'], ['workers_involved', '涉及人数'],
    ['amount_claimed', '反映欠薪金额'], ['summary', '诉求摘要'],
  ],
  watchlist: [
    ['subject_type', '主体类型'], ['subject_id', '信用代码或身份证号'], ['list', '名单类别'],
    ['listed_on', '列入日期'], ['expires_on', '移出日期'], ['reason', '事由'],
  ],
  bank_transfers: [
    ['project_code', '项目编码'], ['txn_ref', '银行流水号'], ['account_number', '付款账号'], ['transferred_on', '交易日期'],
    ['payee_id_number', '收款人身份证号'], ['payee_name', '收款人姓名'], ['payee_card_number', '收款卡号'],
    ['amount', '交易金额'], ['period', '工资所属月份'], ['status', '交易状态'],
  ],
};

/** Chinese labels of enum values, for `chineseValues` output (what a bureau's export shows). */
export const CHINESE_VALUES: Record<string, Record<string, string>> = {
  industry: { housing: '房建', municipal: '市政', water: '水利', transport: '交通', other: '其他' },
  // projects.status and bank_transfers.status share the column name; their values differ.
  status: { planned: '未开工', in_progress: '在建', suspended: '停工', completed: '竣工', succeeded: '成功', failed: '失败', returned: '退回' },
  form: { cash: '现金', bank_guarantee: '银行保函', insurance: '保证保险' },
  paid_via: { dedicated_account: '专户代发', other_account: '其他账户', cash: '现金' },
  subject_type: { enterprise: '企业', person: '个人' },
  source: { national_platform: '全国根治欠薪线索反映平台', hotline: '12345热线', walk_in: '来访', letter: '来信', other: '其他' },
  list: { arrears_blacklist: '拖欠农民工工资失信联合惩戒名单', bad_team: '不良班组' },
  kind: { brigade: '大队', team: '中队' },
  notice_board_posted: { true: '是', false: '否' },
  contract_signed: { true: '是', false: '否' },
};

export function headerOf(dataset: DatasetName, chinese: boolean): string[] {
  return DATASET_COLUMNS[dataset].map(([canonical, alias]) => (chinese ? alias : canonical));
}

export function cellsOf(dataset: DatasetName, row: Row, chineseValues: boolean): string[] {
  return DATASET_COLUMNS[dataset].map(([column]) => {
    const value = row[column] ?? '';
    return chineseValues ? (CHINESE_VALUES[column]?.[value] ?? value) : value;
  });
}

/** Fen (integer) → yuan text with two decimals, never through floating point. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
