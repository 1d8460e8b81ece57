import { RULE_CATALOGUE, RuleCode } from '@wage/rules';

/**
 * What the labour side asks the industry bureau to do, per rule: the bureau's own
 * enforcement levers (account, deposit, allocation, market credit) under the
 * 保障农民工工资支付条例. Every joint rule has an entry; red non-joint alerts that
 * reach a notice because they stayed open too long get the general request.
 */
const REQUESTED_ACTIONS: Partial<Record<RuleCode, string>> = {
  PAYROLL_MISSING: '督促施工总承包单位按月编制并留存农民工工资支付表，通过专用账户按月足额发放工资',
  CONSECUTIVE_ARREARS: '约谈建设单位及施工总承包单位，督促限期清偿拖欠工资，必要时动用工资保证金',
  LABOR_COST_LAPSE: '督促建设单位按月足额将人工费用拨付至农民工工资专用账户',
  ACCOUNT_MISSING: '督促总包单位开立农民工工资专用账户',
  ACCOUNT_NOT_FILED: '督促施工总承包单位将农民工工资专用账户报项目所在地人社部门及行业主管部门备案',
  LABOR_COST_SHORT: '督促建设单位补足人工费用拨付，确保专用账户足以支付应发工资',
  DEPOSIT_MISSING: '督促施工总承包单位按规定足额存储工资保证金或提交保函',
  WATCHLISTED_PARTY: '对涉及失信或不良记录的参建单位、班组依法实施信用惩戒和市场限制措施',
  PAY_RATIO_LOW: '督促建设单位、施工总承包单位查明欠薪原因并限期足额支付工资',
  UNPAID_WORKERS: '督促施工总承包单位核实出勤未发工资人员并限期补发',
  BELOW_MIN_WAGE: '督促施工总承包单位按不低于当地最低工资标准支付工资',
  EXIT_UNSETTLED: '督促施工总承包单位为退场人员结清工资',
  COMPLAINT_CLUSTER: '配合开展联合处置，督促相关单位化解欠薪矛盾，防止群体性事件',
  ACCOUNT_DIVERSION: '督促施工总承包单位和开户银行核查专用账户向非本项目人员的支付，追回挪用资金，确保专款专用',
  PAYROLL_UNVERIFIED: '督促施工总承包单位提供银行代发凭证，核实已报发放但银行未代发的工资并限期足额支付',
};

const GENERAL_REQUEST = '督促相关参建单位限期整改，并将处理结果函告本机构';

export function requestedActionFor(rule: string): string {
  return REQUESTED_ACTIONS[rule as RuleCode] ?? GENERAL_REQUEST;
}

/** Chinese name of a rule for documents (the code itself when unknown). */
export function ruleTitle(rule: string): string {
  return RULE_CATALOGUE[rule as RuleCode]?.titleZh ?? rule;
}

export const JOINT_RULES_WITHOUT_ACTION = (Object.keys(RULE_CATALOGUE) as RuleCode[]).filter(
  (c) => RULE_CATALOGUE[c].joint && !REQUESTED_ACTIONS[c],
);
