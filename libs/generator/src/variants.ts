import { BANK_VARIANTS } from './bank-feed';
import { addDays, dayOfMonth, monthOf, toDay } from './dates';
import { ownEnterprise } from './enterprises';
import { GeneratorContext } from './options';
import { PlannedPay, ProjectPlan } from './plan-types';
import { Rng } from './prng';
import { VariantId } from './variant-ids';
import { newPerson } from './workforce';

type Apply = (ctx: GeneratorContext, rng: Rng, plan: ProjectPlan) => void;

const payrollOf = (plan: ProjectPlan, month: number): PlannedPay[] => plan.payroll.filter((p) => p.month === month);
const roundYuan = (fen: number): number => Math.floor(fen / 100) * 100;

function payShare(plan: ProjectPlan, month: number, percent: number): void {
  for (const p of payrollOf(plan, month)) p.paidFen = roundYuan((p.payableFen * percent) / 100);
}

/** Rows of P whose worker attended ≥ 20 days, smallest payable first. */
function fullMonthRows(plan: ProjectPlan, month: number): PlannedPay[] {
  const full = new Set(plan.attendance.filter((a) => a.month === month && a.days >= 20).map((a) => a.idNumber));
  return payrollOf(plan, month).filter((p) => full.has(p.idNumber)).sort((a, b) => a.payableFen - b.payableFen);
}

function moveAllocations(plan: ProjectPlan, fromMonths: number[], toMonth: number): void {
  const target = plan.allocations.find((a) => monthOf(a.paidOn) === toMonth);
  const moved = plan.allocations.filter((a) => fromMonths.includes(monthOf(a.paidOn)));
  const total = moved.reduce((s, a) => s + a.amountFen, 0);
  plan.allocations = plan.allocations.filter((a) => !moved.includes(a));
  if (target) target.amountFen += total;
  else if (total > 0) plan.allocations.push({ txnRef: `RG${plan.index}-${toMonth}`, paidOn: dayOfMonth(toMonth, 10), amountFen: total });
}

function addToAllocation(plan: ProjectPlan, month: number, fen: number): void {
  const a = plan.allocations.find((x) => monthOf(x.paidOn) === month);
  if (a) a.amountFen += Math.ceil(fen / 100) * 100;
}

const CLUE_SOURCES = ['national_platform', 'hotline', 'walk_in', 'letter'];
const CLUE_TEXTS = ['反映班组长拖欠工资', '反映项目部未按月发放工资', '反映退场后工资未结清', '集体反映总包单位拖欠农民工工资', '反映劳务公司克扣工资'];

export function addClue(ctx: GeneratorContext, rng: Rng, plan: ProjectPlan, daysAgo: number, workers: number): void {
  const k = plan.clues.length;
  plan.clues.push({
    clueId: `XS${String(plan.index * 8 + k).padStart(10, '0')}`,
    receivedOn: addDays(ctx.asOf, -daysAgo),
    source: rng.pick(CLUE_SOURCES),
    regionCode: plan.district.code,
    projectCode: plan.code,
    employerUscc: rng.chance(0.5) ? plan.contractorUscc : plan.ownEnterprises[0].uscc,
    workersInvolved: workers,
    amountClaimedFen: workers * rng.int(30, 150) * 10_000,
    summary: `${rng.pick(CLUE_TEXTS)}，涉及${workers}人`,
  });
}

export const VARIANTS: Record<VariantId, Apply> = {
  PAY_RATIO_LOW_RED: (ctx, _r, plan) => payShare(plan, ctx.period, 40),
  PAY_RATIO_LOW_ORANGE: (ctx, _r, plan) => payShare(plan, ctx.period, 70),
  PAYROLL_MISSING: (ctx, _r, plan) => {
    plan.payroll = plan.payroll.filter((p) => p.month !== ctx.period);
  },
  UNPAID_WORKERS_RED: (ctx, _r, plan) => {
    const rows = payrollOf(plan, ctx.period).sort((a, b) => a.payableFen - b.payableFen);
    for (const p of rows.slice(0, Math.floor(rows.length / 10) + 1)) Object.assign(p, { paidFen: 0, paidOn: null });
  },
  UNPAID_WORKERS_YELLOW: (ctx, _r, plan) => {
    const p = payrollOf(plan, ctx.period).sort((a, b) => a.payableFen - b.payableFen)[0];
    if (p) Object.assign(p, { paidFen: 0, paidOn: null });
  },
  BELOW_MIN_WAGE_ORANGE: (ctx, _r, plan) => {
    const p = fullMonthRows(plan, ctx.period)[0];
    if (p) Object.assign(p, { payableFen: 150_000, paidFen: 150_000 });
  },
  BELOW_MIN_WAGE_RED: (ctx, _r, plan) => {
    const rows = fullMonthRows(plan, ctx.period);
    for (const p of rows.slice(0, Math.ceil(rows.length / 5))) Object.assign(p, { payableFen: 140_000, paidFen: 140_000 });
  },
  CONSECUTIVE_ARREARS: (ctx, _r, plan) => {
    payShare(plan, ctx.period, 60);
    payShare(plan, ctx.period - 1, 60);
  },
  PAID_OUTSIDE_ACCOUNT_ORANGE: (ctx, rng, plan) => {
    for (const p of payrollOf(plan, ctx.period)) if (rng.chance(0.75)) p.paidVia = rng.pick(['cash', 'other_account'] as const);
  },
  PAID_OUTSIDE_ACCOUNT_YELLOW: (ctx, _r, plan) => {
    for (const p of payrollOf(plan, ctx.period).slice(0, 2)) p.paidVia = 'cash';
  },
  ABNORMAL_PAYMENT: (ctx, rng, plan) => {
    const p = payrollOf(plan, ctx.period)[0];
    if (!p) return;
    const fen = rng.int(55_000, 90_000) * 100;
    addToAllocation(plan, ctx.period, fen - p.payableFen);
    Object.assign(p, { payableFen: fen, paidFen: fen });
  },
  UNREGISTERED_WORKERS: (ctx, rng, plan) => {
    const taken = new Set(plan.workers.map((w) => w.idNumber));
    for (let i = 0; i < 3; i++) {
      const { id } = newPerson(rng, ctx, plan.district.code, taken);
      const fen = 22 * rng.int(250, 400) * 100;
      plan.attendance.push({ idNumber: id, month: ctx.period, days: 22 });
      plan.payroll.push({ idNumber: id, month: ctx.period, payableFen: fen, paidFen: fen, paidOn: dayOfMonth(ctx.period, 28), paidVia: 'dedicated_account' });
      addToAllocation(plan, ctx.period, fen);
    }
  },
  EXIT_UNSETTLED: (ctx, _r, plan) => {
    const exitOn = dayOfMonth(ctx.period, 20);
    const rows = new Set(payrollOf(plan, ctx.period).map((p) => p.idNumber));
    const w = plan.workers.find((x) => !x.exitedOn && rows.has(x.idNumber) && toDay(x.enteredOn) < toDay(exitOn) - 31);
    if (!w) return;
    w.exitedOn = exitOn;
    const att = plan.attendance.find((a) => a.idNumber === w.idNumber && a.month === ctx.period);
    if (att) att.days = Math.min(att.days, 18);
    const p = payrollOf(plan, ctx.period).find((x) => x.idNumber === w.idNumber) as PlannedPay;
    p.paidFen = roundYuan(p.payableFen / 2);
  },
  LABOR_COST_LAPSE_ORANGE: (ctx, _r, plan) => moveAllocations(plan, [ctx.period], ctx.period - 1),
  LABOR_COST_LAPSE_RED: (ctx, _r, plan) => moveAllocations(plan, [ctx.period, ctx.period - 1], ctx.period - 2),
  ACCOUNT_MISSING: (_c, _r, plan) => {
    plan.accounts = [];
  },
  ACCOUNT_NOT_FILED: (_c, _r, plan) => {
    for (const a of plan.accounts) a.filedOn = null;
  },
  LABOR_COST_SHORT: (_c, _r, plan) => {
    for (const a of plan.allocations) a.amountFen = roundYuan((a.amountFen * 3) / 4);
  },
  DEPOSIT_MISSING: (ctx, rng, plan) => {
    const kind = rng.int(0, 2);
    if (kind === 0) plan.deposits = [];
    for (const d of plan.deposits) {
      if (kind === 1) d.amountFen = roundYuan(plan.contractFen / 200);
      if (kind === 2) d.validUntil = addDays(ctx.asOf, -rng.int(10, 100));
    }
  },
  NOTICE_BOARD_MISSING: (_c, _r, plan) => {
    plan.noticeBoardPosted = false;
  },
  CONTRACT_UNSIGNED: (_c, _r, plan) => {
    plan.workers.forEach((w, i) => {
      if (i % 4 === 1) w.contractSigned = false;
    });
  },
  COMPLAINT_CLUSTER_RED: (ctx, rng, plan) => {
    if (rng.chance(0.5)) for (let i = 0; i < 3; i++) addClue(ctx, rng, plan, rng.int(0, 25), rng.int(1, 4));
    else addClue(ctx, rng, plan, rng.int(0, 25), rng.int(10, 40));
  },
  COMPLAINT_CLUSTER_YELLOW: (ctx, rng, plan) => addClue(ctx, rng, plan, rng.int(1, 20), rng.int(1, 5)),
  WATCHLISTED_PARTY: (ctx, rng, plan) => {
    const kind = rng.int(0, 2);
    const listedOn = addDays(ctx.asOf, -rng.int(30, 700));
    if (kind === 0) {
      // A general contractor that only this project uses, on the arrears blacklist.
      const own = ownEnterprise(ctx, plan.index, 2, plan.district.code, plan.district.city);
      plan.ownEnterprises.push(own);
      for (const d of plan.deposits) if (d.contractorUscc === plan.contractorUscc) d.contractorUscc = own.uscc;
      for (const w of plan.workers) if (w.employerUscc === plan.contractorUscc) w.employerUscc = own.uscc;
      plan.contractorUscc = own.uscc;
      plan.watchlist.push({ subjectType: 'enterprise', subjectId: own.uscc, list: 'arrears_blacklist', listedOn, expiresOn: null, reason: '拖欠农民工工资被列入失信联合惩戒名单' });
    } else if (kind === 1) {
      plan.watchlist.push({ subjectType: 'enterprise', subjectId: plan.ownEnterprises[0].uscc, list: 'arrears_blacklist', listedOn, expiresOn: null, reason: '劳务分包单位恶意欠薪' });
    } else {
      const leader = plan.workers[0];
      plan.watchlist.push({ subjectType: 'person', subjectId: leader.teamLeaderId, list: 'bad_team', listedOn: addDays(ctx.asOf, -60), expiresOn: addDays(ctx.asOf, 300), reason: '班组长组织讨薪、拖欠班组工资' });
    }
  },
  ABANDONED_SITE: (ctx, rng, plan) => {
    plan.payroll = plan.payroll.filter((p) => p.month < ctx.period - 1);
    plan.allocations = plan.allocations.filter((a) => monthOf(a.paidOn) < ctx.period - 1);
    for (let i = 0; i < 3; i++) addClue(ctx, rng, plan, rng.int(0, 28), rng.int(3, 12));
  },
  ...BANK_VARIANTS,
};
