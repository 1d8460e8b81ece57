/** The rule codes of rules.md. Stored on alerts: never rename. */
export type RuleCode =
  | 'PAY_RATIO_LOW'
  | 'PAYROLL_MISSING'
  | 'UNPAID_WORKERS'
  | 'BELOW_MIN_WAGE'
  | 'CONSECUTIVE_ARREARS'
  | 'PAID_OUTSIDE_ACCOUNT'
  | 'ABNORMAL_PAYMENT'
  | 'UNREGISTERED_WORKERS'
  | 'EXIT_UNSETTLED'
  | 'LABOR_COST_LAPSE'
  | 'ACCOUNT_MISSING'
  | 'ACCOUNT_NOT_FILED'
  | 'LABOR_COST_SHORT'
  | 'DEPOSIT_MISSING'
  | 'NOTICE_BOARD_MISSING'
  | 'CONTRACT_UNSIGNED'
  | 'COMPLAINT_CLUSTER'
  | 'WATCHLISTED_PARTY'
  | 'PAYROLL_UNVERIFIED'
  | 'ACCOUNT_DIVERSION';

export interface RuleDefinition {
  code: RuleCode;
  /** period rules: one alert per (project, rule, period); state rules: per (project, rule). */
  kind: 'period' | 'state';
  /** Joint alerts also go to the project's industry bureau (workflow.md). */
  joint: boolean;
  /** Bumped whenever a rule's condition, severity or evidence changes meaning. */
  version: number;
  titleZh: string;
  titleEn: string;
}

const def = (code: RuleCode, kind: 'period' | 'state', joint: boolean, titleZh: string, titleEn: string): RuleDefinition => ({
  code,
  kind,
  joint,
  version: 1,
  titleZh,
  titleEn,
});

export const RULE_CATALOGUE: Record<RuleCode, RuleDefinition> = {
  PAY_RATIO_LOW: def('PAY_RATIO_LOW', 'period', false, '工资发放比例过低', 'Low share of payable wages paid'),
  PAYROLL_MISSING: def('PAYROLL_MISSING', 'period', true, '未按月编制工资支付表', 'No payroll for a month with attendance'),
  UNPAID_WORKERS: def('UNPAID_WORKERS', 'period', false, '出勤工人未发工资', 'Attending workers not paid'),
  BELOW_MIN_WAGE: def('BELOW_MIN_WAGE', 'period', false, '工资低于最低工资标准', 'Pay below the minimum wage'),
  CONSECUTIVE_ARREARS: def('CONSECUTIVE_ARREARS', 'period', true, '连续两月欠薪', 'Arrears two months in a row'),
  PAID_OUTSIDE_ACCOUNT: def('PAID_OUTSIDE_ACCOUNT', 'period', false, '未通过专用账户代发工资', 'Wages paid outside the dedicated account'),
  ABNORMAL_PAYMENT: def('ABNORMAL_PAYMENT', 'period', false, '工资发放金额异常', 'Abnormally large payment to a worker'),
  UNREGISTERED_WORKERS: def('UNREGISTERED_WORKERS', 'period', false, '未实名登记人员', 'Workers not registered on the project'),
  EXIT_UNSETTLED: def('EXIT_UNSETTLED', 'period', false, '退场未结清工资', 'Worker exited without settlement'),
  LABOR_COST_LAPSE: def('LABOR_COST_LAPSE', 'period', true, '人工费用未按月拨付', 'Labour cost not allocated this month'),
  ACCOUNT_MISSING: def('ACCOUNT_MISSING', 'state', true, '未开设农民工工资专用账户', 'No dedicated wage account'),
  ACCOUNT_NOT_FILED: def('ACCOUNT_NOT_FILED', 'state', true, '专用账户未备案', 'Wage account not filed'),
  LABOR_COST_SHORT: def('LABOR_COST_SHORT', 'state', true, '人工费用拨付不足', 'Labour-cost allocations below payable wages'),
  DEPOSIT_MISSING: def('DEPOSIT_MISSING', 'state', true, '未足额存储工资保证金', 'Wage deposit missing or insufficient'),
  NOTICE_BOARD_MISSING: def('NOTICE_BOARD_MISSING', 'state', false, '未设置维权信息告示牌', 'No rights notice board'),
  CONTRACT_UNSIGNED: def('CONTRACT_UNSIGNED', 'state', false, '未签订劳动合同', 'Workers without a labour contract'),
  COMPLAINT_CLUSTER: def('COMPLAINT_CLUSTER', 'state', false, '欠薪线索集中', 'Cluster of arrears complaints'),
  WATCHLISTED_PARTY: def('WATCHLISTED_PARTY', 'state', true, '涉及失信或不良记录主体', 'A watch-listed party works on the project'),
  PAYROLL_UNVERIFIED: def('PAYROLL_UNVERIFIED', 'period', false, '工资发放未经银行代发核实', 'Reported pay the bank never transferred'),
  ACCOUNT_DIVERSION: def('ACCOUNT_DIVERSION', 'period', true, '专用账户资金支付非本项目人员', 'Wage account paid people not on the project'),
};

const ALL_RULES = Object.keys(RULE_CATALOGUE) as RuleCode[];
export const PERIOD_RULES: RuleCode[] = ALL_RULES.filter((c) => RULE_CATALOGUE[c].kind === 'period');
/** The bank reconciliation rules: evaluated only for projects with a bank feed (rules.md). */
export const BANK_FEED_RULES: RuleCode[] = ['PAYROLL_UNVERIFIED', 'ACCOUNT_DIVERSION'];
export const STATE_RULES: RuleCode[] = ALL_RULES.filter((c) => RULE_CATALOGUE[c].kind === 'state');
