import type { EvidenceByRule, EvidenceRuleCode } from '../../../../libs/rules/src/evidence-types';
import { t } from '../i18n/zh-CN';
import { inline as v } from './fields';
import { EvidenceLayout, list } from './layout';

type Renderers = { [R in EvidenceRuleCode]: (e: EvidenceByRule[R]) => EvidenceLayout<EvidenceByRule[R]> };

const W = t.evidence.workers;
const pct = (key: string, value: unknown): string => v(key, value);

/**
 * One renderer per rule, typed by the evidence schema the API produces
 * (libs/rules/src/evidence-types.ts): a renamed field fails the console's typecheck.
 */
export const RENDERERS: Renderers = {
  PAY_RATIO_LOW: (e) => ({
    sentence: `${e.period} 应发工资 ${v('payableYuan', e.payableYuan)}，实发 ${v('paidYuan', e.paidYuan)}，发放比例 ${pct('ratio', e.ratio)}，低于预警线 ${pct('threshold', e.threshold)}（低于 ${pct('redBelow', e.redBelow)} 为红色）；欠发 ${v('shortfallYuan', e.shortfallYuan)}，工资表 ${e.payrollWorkers} 人中 ${e.underpaidWorkers} 人未足额发放。`,
    figures: ['period', 'payableYuan', 'paidYuan', 'ratio', 'shortfallYuan', 'payrollWorkers', 'underpaidWorkers'],
    judged: ['threshold', 'redBelow'],
    lists: [list(W, e.workers, ['name', 'idMasked', 'payableYuan', 'paidYuan', 'owedYuan', 'paidOn'])],
  }),
  PAYROLL_MISSING: (e) => ({
    sentence: `${e.period} 有 ${e.attendingWorkers} 人出勤（合计 ${e.daysWorked} 天），但项目未报送该月工资发放表（工资表 ${e.payrollRows} 行）。`,
    figures: ['period', 'attendingWorkers', 'daysWorked', 'payrollRows'],
    lists: [list(W, e.workers, ['name', 'idMasked', 'daysWorked'])],
  }),
  UNPAID_WORKERS: (e) => ({
    sentence: `${e.period} 出勤 ${e.attendingWorkers} 人，其中 ${e.unpaidWorkers} 人未发工资（占 ${pct('unpaidShare', e.unpaidShare)}，超过 ${pct('redAbove', e.redAbove)} 为红色），这些人员应发工资合计 ${v('unpaidPayableYuan', e.unpaidPayableYuan)}。`,
    figures: ['period', 'attendingWorkers', 'unpaidWorkers', 'unpaidShare', 'unpaidPayableYuan'],
    judged: ['redAbove'],
    lists: [list(W, e.workers, ['name', 'idMasked', 'daysWorked', 'hasPayrollRow', 'payableYuan'])],
  }),
  BELOW_MIN_WAGE: (e) => ({
    sentence: `${e.period} 出勤满 ${e.minDaysWorked} 天的 ${e.fullMonthWorkers} 人中，${e.belowWorkers} 人应发工资低于月最低工资标准 ${v('minimumMonthlyWageYuan', e.minimumMonthlyWageYuan)}（占 ${pct('belowShare', e.belowShare)}，达到 ${pct('redAtShare', e.redAtShare)} 为红色），差额合计 ${v('gapToMinimumYuan', e.gapToMinimumYuan)}。`,
    figures: ['period', 'fullMonthWorkers', 'belowWorkers', 'belowShare', 'gapToMinimumYuan'],
    judged: ['minimumMonthlyWageYuan', 'minDaysWorked', 'redAtShare'],
    lists: [list(W, e.workers, ['name', 'idMasked', 'daysWorked', 'payableYuan'])],
  }),
  CONSECUTIVE_ARREARS: (e) => ({
    sentence: `连续两个月欠薪：${e.periods
      .map((p) =>
        p.reason === 'PAYROLL_MISSING'
          ? `${p.period} 有 ${p.attendingWorkers} 人出勤但未报送工资表`
          : `${p.period} 应发 ${v('payableYuan', p.payableYuan)}、实发 ${v('paidYuan', p.paidYuan)}，发放比例 ${pct('ratio', p.ratio)}`,
      )
      .join('；')}；均低于发放比例预警线 ${pct('threshold', e.threshold)} 或未报送工资表。`,
    figures: ['period'],
    judged: ['threshold'],
    periods: list(t.evidence.perPeriod, e.periods, ['period', 'reason', 'payableYuan', 'paidYuan', 'ratio', 'shortfallYuan', 'payrollRows', 'attendingWorkers']),
  }),
  PAID_OUTSIDE_ACCOUNT: (e) => ({
    sentence: `${e.period} 实发工资 ${v('paidYuan', e.paidYuan)} 中有 ${v('paidOutsideYuan', e.paidOutsideYuan)} 未通过工资专用账户发放（其他账户 ${v('otherAccountYuan', e.otherAccountYuan)}，现金 ${v('cashYuan', e.cashYuan)}），占 ${pct('outsideShare', e.outsideShare)}（超过 ${pct('orangeAbove', e.orangeAbove)} 为橙色），涉及 ${e.outsideWorkers} 人。`,
    figures: ['period', 'paidYuan', 'paidOutsideYuan', 'otherAccountYuan', 'cashYuan', 'outsideShare', 'outsideWorkers'],
    judged: ['orangeAbove'],
    lists: [list(W, e.workers, ['name', 'idMasked', 'paidYuan', 'paidVia', 'paidOn'])],
  }),
  ABNORMAL_PAYMENT: (e) => ({
    sentence: `${e.period} 有 ${e.abnormalWorkers} 人本月实发超过 ${v('monthlyLimitYuan', e.monthlyLimitYuan)} 或 12 个月累计实发超过 ${v('twelveMonthLimitYuan', e.twelveMonthLimitYuan)}，可能存在虚报、冒领工资。`,
    figures: ['period', 'abnormalWorkers'],
    judged: ['monthlyLimitYuan', 'twelveMonthLimitYuan'],
    lists: [list(W, e.workers, ['name', 'idMasked', 'paidInPeriodYuan', 'paid12MonthsYuan'])],
  }),
  UNREGISTERED_WORKERS: (e) => ({
    sentence: `${e.period} 有 ${e.unregisteredWorkers} 人有考勤或工资记录但未在本项目实名登记（有考勤 ${e.inAttendance} 人，有工资记录 ${e.inPayroll} 人，其中 ${e.registeredOutsidePeriod} 人登记期不含本月）。`,
    figures: ['period', 'unregisteredWorkers', 'inAttendance', 'inPayroll', 'registeredOutsidePeriod'],
    lists: [list(W, e.workers, ['name', 'idMasked', 'inAttendance', 'inPayroll', 'registered', 'enteredOn', 'exitedOn'])],
  }),
  EXIT_UNSETTLED: (e) => ({
    sentence: `${e.period} 退场的 ${e.unsettledWorkers} 人工资未结清，累计欠发 ${v('owedYuan', e.owedYuan)}。`,
    figures: ['period', 'unsettledWorkers', 'owedYuan'],
    lists: [list(W, e.workers, ['name', 'idMasked', 'exitedOn', 'payableYuan', 'paidYuan', 'owedYuan'])],
  }),
  LABOR_COST_LAPSE: (e) => ({
    sentence: `项目已开工（${e.startedOnSource === 'contract_signed_on' ? '未填开工日期，按合同签订日期' : '开工日期'} ${v('startedOn', e.startedOn)}），${e.period} 没有人工费用拨付到工资专用账户（${e.allocationsInPeriod} 笔）${e.allocatedPreviousPeriod ? '，上月有拨付' : '，上月也没有拨付'}；最近一次拨付：${v('lastAllocationOn', e.lastAllocationOn)}，${v('lastAllocationYuan', e.lastAllocationYuan)}。`,
    figures: ['period', 'startedOn', 'startedOnSource', 'allocationsInPeriod', 'allocatedPreviousPeriod', 'lastAllocationOn', 'lastAllocationYuan'],
  }),
  ACCOUNT_MISSING: (e) => ({
    sentence: `合同金额 ${v('contractAmountYuan', e.contractAmountYuan)}（不低于 ${v('minContractYuan', e.minContractYuan)}），计划工期 ${v('plannedDurationDays', e.plannedDurationDays)}${typeof e.plannedDurationDays === 'number' ? ' 天' : ''}（不少于 ${e.minDurationDays} 天须开户），合同于 ${e.contractSignedOn} 签订，应于 ${e.accountDueOn} 前开立工资专用账户，至今已开立 ${e.accountsOpened} 个。`,
    figures: ['contractAmountYuan', 'contractSignedOn', 'startedOn', 'plannedEndOn', 'plannedDurationDays', 'accountDueOn', 'accountsOpened'],
    judged: ['minContractYuan', 'minDurationDays'],
  }),
  ACCOUNT_NOT_FILED: (e) => ({
    sentence: `有 ${e.unfiledAccounts} 个工资专用账户开户已超过备案期限仍未备案。`,
    figures: ['unfiledAccounts'],
    lists: [list(t.evidenceFields.accounts, e.accounts, ['bankName', 'accountMasked', 'openedOn', 'filingDueOn'])],
  }),
  LABOR_COST_SHORT: (e) => ({
    sentence: `${e.fromPeriod} 至 ${e.throughPeriod} 累计应发工资 ${v('payableThroughPeriodYuan', e.payableThroughPeriodYuan)}，累计拨付人工费 ${v('allocatedYuan', e.allocatedYuan)}（${e.allocations} 笔），缺口 ${v('gapYuan', e.gapYuan)}。`,
    figures: ['fromPeriod', 'throughPeriod', 'payableThroughPeriodYuan', 'allocatedYuan', 'gapYuan', 'allocations'],
  }),
  DEPOSIT_MISSING: (e) => ({
    sentence: `合同金额 ${v('contractAmountYuan', e.contractAmountYuan)}，按 ${pct('minRatio', e.minRatio)} 应存储工资保证金 ${v('requiredYuan', e.requiredYuan)}（应于 ${e.depositDueOn} 前存储），有效保证金 ${e.validDeposits} 笔合计 ${v('validDepositsYuan', e.validDepositsYuan)}，差额 ${v('missingYuan', e.missingYuan)}。`,
    figures: ['contractAmountYuan', 'contractSignedOn', 'depositDueOn', 'requiredYuan', 'validDepositsYuan', 'missingYuan', 'validDeposits'],
    judged: ['minRatio'],
    lists: [list(t.evidenceFields.deposits, e.deposits, ['contractorUscc', 'form', 'amountYuan', 'validFrom', 'validUntil'])],
  }),
  NOTICE_BOARD_MISSING: () => ({
    sentence: '项目未在施工现场设置维权信息告示牌。',
    figures: ['noticeBoardPosted'],
  }),
  CONTRACT_UNSIGNED: (e) => ({
    sentence: `在册 ${e.enrolledWorkers} 人中 ${e.unsignedWorkers} 人未签订劳动合同（占 ${pct('unsignedShare', e.unsignedShare)}，超过预警线 ${pct('threshold', e.threshold)}）。`,
    figures: ['enrolledWorkers', 'unsignedWorkers', 'unsignedShare'],
    judged: ['threshold'],
    lists: [list(W, e.workers, ['name', 'idMasked', 'enteredOn'])],
  }),
  COMPLAINT_CLUSTER: (e) => ({
    sentence: `${e.windowAfter} 之后至 ${e.windowThrough} 收到反映本项目欠薪的线索 ${e.clueCount} 条，涉及 ${e.workersInvolved} 人，反映欠薪金额 ${v('amountClaimedYuan', e.amountClaimedYuan)}。`,
    figures: ['clueCount', 'workersInvolved', 'amountClaimedYuan', 'windowAfter', 'windowThrough'],
    lists: [list(t.evidenceFields.clues, e.clues, ['clueId', 'receivedOn', 'source', 'workersInvolved', 'amountClaimedYuan'])],
  }),
  WATCHLISTED_PARTY: (e) => ({
    sentence: `项目的施工总承包单位、用工单位或班组长中有 ${e.matches} 个主体在失信名单或不良班组名单有效期内${
      e.parties && e.parties.length
        ? `：${e.parties.map((p) => `${v('role', p.role)}${p.name ? ` ${p.name}` : ''}（${v('list', p.list)}，${p.listedOn} 列入，有效至 ${p.activeUntil ?? t.project.openEnded}）`).join('；')}`
        : ''
    }。`,
    figures: ['matches'],
    lists: [
      list(t.evidenceFields.parties, e.parties, ['role', 'name', 'subject', 'subjectType', 'list', 'listedOn', 'expiresOn', 'activeUntil', 'reason', 'enrolledWorkers'], {
        reason: t.evidenceFields.listReason,
      }),
    ],
  }),
  PAYROLL_UNVERIFIED: (e) => ({
    sentence: `${e.period} 工资表报告通过专户发放 ${v('reportedPaidYuan', e.reportedPaidYuan)}，银行实际代发 ${v('transferredYuan', e.transferredYuan)}，${v('unverifiedYuan', e.unverifiedYuan)} 未见银行转账${e.unverifiedShare ? `（占 ${pct('unverifiedShare', e.unverifiedShare)}）` : ''}，涉及 ${e.unverifiedWorkers} 人。`,
    figures: ['period', 'reportedPaidYuan', 'transferredYuan', 'unverifiedYuan', 'unverifiedShare', 'unverifiedWorkers'],
    judged: ['redAbove'],
    lists: [list(W, e.workers, ['name', 'idMasked', 'reportedYuan', 'transferredYuan'])],
  }),
  ACCOUNT_DIVERSION: (e) => ({
    sentence: `${e.period} 工资专用账户转出 ${v('transferredYuan', e.transferredYuan)}，其中 ${v('divertedYuan', e.divertedYuan)} 转给了近 12 个月未在本项目登记的 ${e.divertedPayees} 名收款人${e.divertedShare ? `（占 ${pct('divertedShare', e.divertedShare)}）` : ''}，专户资金可能被挪用。`,
    figures: ['period', 'transferredYuan', 'divertedYuan', 'divertedShare', 'divertedPayees'],
    judged: ['redAbove'],
    lists: [list(t.evidenceFields.payees, e.payees, ['name', 'idMasked', 'transferredYuan'])],
  }),
};
