import { firstDayOf, lastDayOf, monthOf, toDay } from './dates';
import { ExpectedAlert, PlannedTransfer, ProjectPlan } from './plan-types';

/** The shipped profiles' 3-day window (rules.md): every region uses the default. */
const MATCH_WINDOW_DAYS = 3;

/**
 * rules.md "has a bank feed" as of D: a succeeded transfer from the first day of the
 * month two months before D's month up to D.
 */
export function hasBankFeed(plan: ProjectPlan, asOf: string): boolean {
  const D = toDay(asOf);
  const from = toDay(firstDayOf(monthOf(asOf) - 2));
  return plan.transfers.some((t) => t.status === 'succeeded' && toDay(t.transferredOn) >= from && toDay(t.transferredOn) <= D);
}

/**
 * A plain reading of the bank reconciliation rules for one generated project: which
 * payroll month each transfer pays (its own period, else the payee's row with the
 * closest paid_on within the window, the earlier month on a tie), then
 * PAYROLL_UNVERIFIED and ACCOUNT_DIVERSION for the assessed period.
 */
export function expectedBankAlerts(plan: ProjectPlan, asOf: string): ExpectedAlert[] {
  if (!hasBankFeed(plan, asOf)) return [];
  const out: ExpectedAlert[] = [];
  const D = toDay(asOf);
  const P = monthOf(asOf) - 1;
  const accounts = new Set(plan.accounts.map((a) => a.accountNumber));
  const usable = plan.transfers.filter((t) => t.status === 'succeeded' && accounts.has(t.accountNumber) && toDay(t.transferredOn) <= D);
  // Rows with a payment date, as loaded (a row paid 0 is written without paid_on).
  const dated = plan.payroll.filter((p) => p.paidFen > 0 && p.paidOn !== null);
  const monthPaid = (t: PlannedTransfer): number | null => {
    if (t.month !== null) return t.month;
    let best: { month: number; distance: number } | null = null;
    for (const p of dated) {
      if (p.idNumber !== t.payeeId) continue;
      const distance = Math.abs(toDay(p.paidOn as string) - toDay(t.transferredOn));
      if (distance > MATCH_WINDOW_DAYS) continue;
      if (!best || distance < best.distance || (distance === best.distance && p.month < best.month)) best = { month: p.month, distance };
    }
    return best?.month ?? null;
  };
  const matched = new Map<string, number>();
  for (const t of usable) if (monthPaid(t) === P) matched.set(t.payeeId, (matched.get(t.payeeId) ?? 0) + t.amountFen);

  const rows = plan.payroll.filter((p) => p.month === P && p.paidVia === 'dedicated_account' && p.paidFen > 0 && p.paidOn !== null && toDay(p.paidOn) <= D);
  const reported = rows.reduce((s, p) => s + p.paidFen, 0);
  const unverified = rows.reduce((s, p) => s + Math.max(p.paidFen - (matched.get(p.idNumber) ?? 0), 0), 0);
  if (unverified > 0) out.push({ code: 'PAYROLL_UNVERIFIED', severity: unverified * 5 > reported ? 'red' : 'orange' });

  const first = toDay(firstDayOf(P - 11));
  const last = toDay(lastDayOf(P));
  const enrolled = new Set(plan.workers.filter((w) => toDay(w.enteredOn) <= last && (!w.exitedOn || toDay(w.exitedOn) >= first)).map((w) => w.idNumber));
  const inP = usable.filter((t) => monthOf(t.transferredOn) === P);
  const total = inP.reduce((s, t) => s + t.amountFen, 0);
  const diverted = inP.filter((t) => !enrolled.has(t.payeeId)).reduce((s, t) => s + t.amountFen, 0);
  if (diverted > 0) out.push({ code: 'ACCOUNT_DIVERSION', severity: diverted * 10 > total ? 'red' : 'orange' });
  return out;
}
