import { addDays, dayOfMonth, fromDay, toDay } from './dates';
import { makeAccountNumber } from './identifiers';
import { GeneratorContext } from './options';
import { PlannedPay, PlannedTransfer, ProjectPlan } from './plan-types';
import { Rng, rngFor } from './prng';
import { newPerson } from './workforce';

/**
 * How a bank reports a project's 代发 (rules.md "Bank reconciliation rules"):
 *  exact  one transfer per paid worker-month, on paid_on, naming the month;
 *  blank  the batch names no month and books 1–3 days after paid_on;
 *  split  like exact, but some pay goes in two parts and some first attempts fail;
 *  stale  the bank stopped sending two months before the assessed period.
 */
export type FeedStyle = 'exact' | 'blank' | 'split' | 'stale';

/** Share of the healthy active projects whose bank sends a feed. */
const HEALTHY_FEED_SHARE = 0.4;

// Numbered per project, never reused even when a variant removes transfers.
const issued = new WeakMap<ProjectPlan, number>();
function txnRef(plan: ProjectPlan): string {
  const n = (issued.get(plan) ?? 0) + 1;
  issued.set(plan, n);
  return `YH${String(plan.index).padStart(7, '0')}${String(n).padStart(6, '0')}`;
}

function push(plan: ProjectPlan, t: Omit<PlannedTransfer, 'txnRef'>): PlannedTransfer {
  const full = { ...t, txnRef: txnRef(plan) };
  plan.transfers.push(full);
  return full;
}

/** The payroll rows a bank pays out of the dedicated account by D. */
const paidFromAccount = (ctx: GeneratorContext, plan: ProjectPlan): PlannedPay[] =>
  plan.payroll.filter((p) => p.paidVia === 'dedicated_account' && p.paidFen > 0 && p.paidOn !== null && toDay(p.paidOn) <= toDay(ctx.asOf));

/** One transfer (or more, for a split) per worker-month paid from the account, in the style given. */
export function addBankFeed(ctx: GeneratorContext, rng: Rng, plan: ProjectPlan, style: FeedStyle): void {
  const account = plan.accounts[0]?.accountNumber;
  if (!account) return;
  const byId = new Map(plan.workers.map((w) => [w.idNumber, w]));
  const D = toDay(ctx.asOf);
  for (const p of paidFromAccount(ctx, plan)) {
    if (style === 'stale' && p.month > ctx.period - 2) continue;
    const w = byId.get(p.idNumber);
    const base = { accountNumber: account, payeeId: p.idNumber, payeeName: w?.name ?? '', payeeCard: w?.bankCard ?? '', status: 'succeeded' as const };
    const paidOn = p.paidOn as string;
    if (style === 'blank') {
      const on = fromDay(Math.min(toDay(paidOn) + rng.int(1, 3), D));
      push(plan, { ...base, transferredOn: on, amountFen: p.paidFen, month: null });
    } else if (style === 'split' && rng.chance(0.3) && p.paidFen >= 20_000) {
      const first = Math.floor((p.paidFen * rng.int(30, 70)) / 100 / 100) * 100;
      push(plan, { ...base, transferredOn: paidOn, amountFen: first, month: p.month });
      push(plan, { ...base, transferredOn: fromDay(Math.min(toDay(paidOn) + 1, D)), amountFen: p.paidFen - first, month: p.month });
    } else if (style === 'split' && rng.chance(0.05)) {
      // A first attempt that failed (closed card), retried the same day.
      push(plan, { ...base, transferredOn: paidOn, amountFen: p.paidFen, month: p.month, status: 'failed' });
      push(plan, { ...base, transferredOn: paidOn, amountFen: p.paidFen, month: p.month });
    } else {
      push(plan, { ...base, transferredOn: paidOn, amountFen: p.paidFen, month: p.month });
    }
  }
}

/** A healthy active project gets a clean (or stale) feed with probability HEALTHY_FEED_SHARE; its own stream keeps other data unchanged. */
export function addHealthyBankFeed(ctx: GeneratorContext, plan: ProjectPlan): void {
  if (plan.status !== 'in_progress' && plan.status !== 'suspended') return;
  const rng = rngFor(ctx.seed, 'bank', plan.index);
  if (!rng.chance(HEALTHY_FEED_SHARE)) return;
  addBankFeed(ctx, rng, plan, rng.weighted(['exact', 'blank', 'split', 'stale'] as const, [45, 30, 15, 10]));
}

const sumFen = (ts: { amountFen: number }[]): number => ts.reduce((s, t) => s + t.amountFen, 0);

type Apply = (ctx: GeneratorContext, rng: Rng, plan: ProjectPlan) => void;

/** `payees` strangers paid out of the account in P: `percent` of the account's transfers in P once they are added. */
function divert(ctx: GeneratorContext, rng: Rng, plan: ProjectPlan, payees: number, percent: number): void {
  const total = sumFen(plan.transfers.filter((t) => t.month === ctx.period));
  const taken = new Set(plan.workers.map((w) => w.idNumber));
  const want = Math.ceil((total * percent) / (100 - percent) / 100) * 100;
  for (let i = 0; i < payees; i++) {
    const person = newPerson(rng, ctx, plan.district.code, taken);
    const amountFen = Math.max(100, Math.floor(want / payees / 100) * 100);
    push(plan, {
      accountNumber: plan.accounts[0].accountNumber,
      transferredOn: dayOfMonth(ctx.period, rng.int(5, 25)),
      payeeId: person.id,
      payeeName: person.name,
      payeeCard: '',
      amountFen,
      month: null,
      status: 'succeeded',
    });
  }
}

/** The bank problem variants: a clean exact feed with one kind of problem in P. */
export const BANK_VARIANTS: Record<'BANK_UNVERIFIED_RED' | 'BANK_UNVERIFIED_ORANGE' | 'BANK_WRONG_ACCOUNT' | 'BANK_DIVERSION_RED' | 'BANK_DIVERSION_ORANGE', Apply> = {
  // Pay reported for P the bank never sent (over a quarter of it).
  BANK_UNVERIFIED_RED: (ctx, rng, plan) => {
    addBankFeed(ctx, rng, plan, 'exact');
    const ofP = plan.transfers.filter((t) => t.month === ctx.period).sort((a, b) => b.amountFen - a.amountFen || (a.payeeId < b.payeeId ? -1 : 1));
    const total = sumFen(ofP);
    let dropped = 0;
    const drop = new Set<PlannedTransfer>();
    for (const t of ofP) {
      if (dropped * 4 > total) break;
      drop.add(t);
      dropped += t.amountFen;
    }
    plan.transfers = plan.transfers.filter((t) => !drop.has(t));
    // One of them was paid, but 8–12 days after the date the payroll claims, in a batch
    // naming no month: outside the 3-day window, so it verifies nothing.
    const late = [...drop][0];
    const row = late && plan.payroll.find((p) => p.idNumber === late.payeeId && p.month === ctx.period);
    if (late && row?.paidOn) {
      row.paidOn = addDays(row.paidOn, -rng.int(8, 12));
      push(plan, { ...late, month: null });
    }
  },
  // The smallest pay of P came back (returned); the next smallest failed once and was retried the next day without a month.
  BANK_UNVERIFIED_ORANGE: (ctx, rng, plan) => {
    addBankFeed(ctx, rng, plan, 'exact');
    const ofP = plan.transfers.filter((t) => t.month === ctx.period).sort((a, b) => a.amountFen - b.amountFen || (a.payeeId < b.payeeId ? -1 : 1));
    if (ofP[0]) ofP[0].status = 'returned';
    const retry = ofP[1];
    if (retry) {
      retry.status = 'failed';
      push(plan, { ...retry, transferredOn: fromDay(Math.min(toDay(retry.transferredOn) + 1, toDay(ctx.asOf))), month: null, status: 'succeeded' });
    }
  },
  // P's pay left from an account that is not the project's wage account.
  BANK_WRONG_ACCOUNT: (ctx, rng, plan) => {
    addBankFeed(ctx, rng, plan, 'exact');
    const other = makeAccountNumber(rng);
    for (const t of plan.transfers) if (t.month === ctx.period) t.accountNumber = other;
  },
  BANK_DIVERSION_RED: (ctx, rng, plan) => {
    addBankFeed(ctx, rng, plan, 'exact');
    divert(ctx, rng, plan, rng.int(2, 3), rng.int(15, 30));
  },
  BANK_DIVERSION_ORANGE: (ctx, rng, plan) => {
    addBankFeed(ctx, rng, plan, 'exact');
    divert(ctx, rng, plan, 1, rng.int(1, 3));
  },
};
