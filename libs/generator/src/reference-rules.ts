import { addDays, firstDayOf, lastDayOf, monthOf, toDay } from './dates';
import { ExpectedAlert, ProjectPlan } from './plan-types';
import { expectedBankAlerts } from './reference-bank-rules';
import { minimumWageFen } from './regions';
import { RuleCode, Severity } from './variant-ids';

/**
 * A plain reading of rules.md applied to one generated project, so the manifest can say
 * exactly which alerts a correct scan raises (and tests can prove healthy projects raise
 * none). Only this project's own clues and watchlist entries can concern it: the noise
 * the generator adds never names a real project or party.
 */
export function expectedAlerts(plan: ProjectPlan, asOf: string): ExpectedAlert[] {
  if (plan.status !== 'in_progress' && plan.status !== 'suspended') return [];
  const out: ExpectedAlert[] = [];
  const raise = (code: RuleCode, severity: Severity): void => void out.push({ code, severity });
  const D = toDay(asOf);
  const P = monthOf(asOf) - 1;
  const counted = (p: { paidFen: number; paidOn: string | null }): number => (p.paidOn && toDay(p.paidOn) <= D ? p.paidFen : 0);
  const rows = (m: number) => plan.payroll.filter((p) => p.month === m);
  const attending = (m: number) => new Set(plan.attendance.filter((a) => a.month === m && a.days > 0).map((a) => a.idNumber));
  const sum = <T>(xs: T[], f: (x: T) => number): number => xs.reduce((s, x) => s + f(x), 0);
  const enrolledIn = (m: number) =>
    new Set(plan.workers.filter((w) => toDay(w.enteredOn) <= toDay(lastDayOf(m)) && (!w.exitedOn || toDay(w.exitedOn) >= toDay(firstDayOf(m)))).map((w) => w.idNumber));
  const enrolledOnD = plan.workers.filter((w) => toDay(w.enteredOn) <= D && (!w.exitedOn || toDay(w.exitedOn) >= D));

  const rowsP = rows(P);
  const payable = sum(rowsP, (p) => p.payableFen);
  const paid = sum(rowsP, counted);
  const att = attending(P);
  if (payable > 0 && paid * 100 < payable * 80) raise('PAY_RATIO_LOW', paid * 2 < payable ? 'red' : 'orange');
  const missing = att.size > 0 && rowsP.length === 0;
  if (missing) raise('PAYROLL_MISSING', 'red');
  if (!missing) {
    const paidIds = new Set(rowsP.filter((p) => counted(p) > 0).map((p) => p.idNumber));
    const unpaid = [...att].filter((id) => !paidIds.has(id)).length;
    if (unpaid > 0) raise('UNPAID_WORKERS', unpaid * 10 > att.size ? 'red' : 'yellow');
  }
  const fullMonth = plan.attendance.filter((a) => a.month === P && a.days >= 20).map((a) => a.idNumber);
  const payableById = new Map<string, number>();
  for (const p of rowsP) payableById.set(p.idNumber, (payableById.get(p.idNumber) ?? 0) + p.payableFen);
  // Workers without a payroll row are left out of both counts (rules.md).
  const withRow = fullMonth.filter((id) => payableById.has(id));
  const below = withRow.filter((id) => (payableById.get(id) ?? 0) < minimumWageFen(plan.district.code)).length;
  if (below > 0) raise('BELOW_MIN_WAGE', below * 10 >= withRow.length ? 'red' : 'orange');
  const bad = (m: number): boolean => {
    const r = rows(m);
    const due = sum(r, (p) => p.payableFen);
    return (due > 0 && sum(r, counted) * 100 < due * 80) || (attending(m).size > 0 && r.length === 0);
  };
  if (bad(P) && bad(P - 1)) raise('CONSECUTIVE_ARREARS', 'red');
  const outside = sum(rowsP.filter((p) => p.paidVia !== 'dedicated_account'), counted);
  if (outside > 0) raise('PAID_OUTSIDE_ACCOUNT', outside * 2 > paid ? 'orange' : 'yellow');
  const paidById = (from: number) => {
    const m = new Map<string, number>();
    for (const p of plan.payroll) if (p.month >= from && p.month <= P) m.set(p.idNumber, (m.get(p.idNumber) ?? 0) + counted(p));
    return m;
  };
  const inP = paidById(P);
  const in12 = paidById(P - 11);
  if ([...in12.keys()].some((id) => (inP.get(id) ?? 0) > 5_000_000 || (in12.get(id) ?? 0) > 30_000_000)) raise('ABNORMAL_PAYMENT', 'orange');
  const enrolled = enrolledIn(P);
  const seenInP = [...plan.attendance.filter((a) => a.month === P).map((a) => a.idNumber), ...rowsP.map((p) => p.idNumber)];
  if (seenInP.some((id) => !enrolled.has(id))) raise('UNREGISTERED_WORKERS', 'orange');
  const exited = plan.workers.filter((w) => w.exitedOn && monthOf(w.exitedOn) === P);
  const unsettled = exited.some((w) => {
    const mine = plan.payroll.filter((p) => p.idNumber === w.idNumber);
    return sum(mine, (p) => p.payableFen) > sum(mine, counted);
  });
  if (unsettled) raise('EXIT_UNSETTLED', 'red');
  // Started: started_on, or the contract date when it is blank (rules.md).
  if (toDay(plan.startedOn ?? plan.signedOn) < toDay(firstDayOf(P))) {
    const allocatedIn = (m: number) => plan.allocations.some((a) => monthOf(a.paidOn) === m);
    if (!allocatedIn(P)) raise('LABOR_COST_LAPSE', allocatedIn(P - 1) ? 'orange' : 'red');
  }

  const contractYuan = plan.contractFen / 100;
  const begin = plan.startedOn ?? plan.signedOn;
  const duration = toDay(plan.plannedEndOn) - toDay(begin);
  if (contractYuan >= 4_000_000 && duration >= 90 && toDay(plan.signedOn) <= D - 30 && !plan.accounts.some((a) => toDay(a.openedOn) <= D)) {
    raise('ACCOUNT_MISSING', 'red');
  }
  if (plan.accounts.some((a) => toDay(a.openedOn) <= D - 30 && !(a.filedOn && toDay(a.filedOn) <= D))) raise('ACCOUNT_NOT_FILED', 'yellow');
  const allocated = sum(plan.allocations.filter((a) => toDay(a.paidOn) <= D), (a) => a.amountFen);
  if (allocated < sum(plan.payroll.filter((p) => p.month <= P), (p) => p.payableFen)) raise('LABOR_COST_SHORT', 'orange');
  const validDeposits = plan.deposits.filter((d) => toDay(d.validFrom) <= D && (!d.validUntil || D <= toDay(d.validUntil)));
  if (contractYuan >= 3_000_000 && toDay(plan.signedOn) <= D - 28 && sum(validDeposits, (d) => d.amountFen) * 100 < plan.contractFen) {
    raise('DEPOSIT_MISSING', 'orange');
  }
  if (!plan.noticeBoardPosted) raise('NOTICE_BOARD_MISSING', 'yellow');
  if (enrolledOnD.filter((w) => !w.contractSigned).length * 10 > enrolledOnD.length) raise('CONTRACT_UNSIGNED', 'yellow');
  const recent = plan.clues.filter((c) => c.projectCode === plan.code && toDay(c.receivedOn) > D - 30 && toDay(c.receivedOn) <= D);
  const involved = sum(recent, (c) => c.workersInvolved);
  if (recent.length >= 3 || involved >= 10) raise('COMPLAINT_CLUSTER', 'red');
  else if (recent.length > 0) raise('COMPLAINT_CLUSTER', 'yellow');
  const parties = new Set([plan.contractorUscc, ...enrolledOnD.flatMap((w) => [w.employerUscc, w.teamLeaderId])]);
  const active = plan.watchlist.filter((e) => toDay(e.listedOn) <= D && D <= toDay(e.expiresOn ?? addDays(e.listedOn, 3 * 365)));
  if (active.some((e) => parties.has(e.subjectId))) raise('WATCHLISTED_PARTY', 'orange');
  out.push(...expectedBankAlerts(plan, asOf));
  return out;
}
