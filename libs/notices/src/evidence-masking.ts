import { maskBankNumber, maskIdNumber } from '@wage/crypto';

const ID_NUMBER = /^\d{17}[\dXx]$/;
const BANK_NUMBER = /^\d{12,30}$/;
const PII_KEY = /(id_?number|idNo|id_?card|bank_?(account|number|card)|card_?number|account_?number)/i;

/**
 * Evidence leaves the service through notices (API, webhook, paper): scans already store
 * workers with masked id numbers, and this is the second belt — any value that still
 * looks like a full ID or bank number, or sits under a personal-data key, is masked.
 */
export function maskEvidence(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    if (value.includes('*')) return value;
    if (ID_NUMBER.test(value)) return maskIdNumber(value);
    if (BANK_NUMBER.test(value) || (PII_KEY.test(key) && /\d{6,}/.test(value))) return maskBankNumber(value);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => maskEvidence(v, key));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = maskEvidence(v, k);
    return out;
  }
  return value;
}

/** Print labels of common evidence keys (libs/rules); other keys print as they are. */
const EVIDENCE_LABELS: Record<string, string> = {
  period: '所属期',
  payableYuan: '应发工资(元)',
  paidYuan: '实发工资(元)',
  paidInPeriodYuan: '当期实发(元)',
  owedYuan: '拖欠(元)',
  shortfallYuan: '差额(元)',
  ratio: '发放比例',
  payRatio: '发放比例',
  attendingWorkers: '出勤人数',
  enrolledWorkers: '在册人数',
  workersInvolved: '涉及人数',
  workers: '涉及人员',
  contractAmountYuan: '合同金额(元)',
  requiredYuan: '应存金额(元)',
  allocatedYuan: '已拨付(元)',
  amountYuan: '金额(元)',
  openedOn: '开户日期',
  filingDueOn: '备案期限',
  payrollRows: '工资表行数',
  clues: '线索',
  transferredYuan: '银行代发(元)',
  divertedYuan: '付给非本项目人员(元)',
  divertedShare: '非本项目人员占比',
  payeesConcerned: '涉及收款人数',
  payees: '收款人',
  reportedPaidYuan: '报送实发(元)',
  unverifiedYuan: '银行未代发(元)',
  unverifiedShare: '未核实比例',
};

/** One line of evidence for a table cell: the scalar figures, without the worker list. */
export function evidenceSummary(evidence: Record<string, unknown>, maxLength = 160): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(evidence)) {
    if (v === null || v === undefined) continue;
    if (typeof v === 'object') {
      if (Array.isArray(v) && v.length > 0) parts.push(`${EVIDENCE_LABELS[k] ?? k}：${v.length}项`);
      continue;
    }
    parts.push(`${EVIDENCE_LABELS[k] ?? k}：${String(v)}`);
  }
  const text = parts.join('；');
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
