import { addDays, dayOfMonth, daysInMonth, lastDayOf, MonthIndex, monthOf, toDay } from './dates';
import { makeBankCard, makeIdNumber } from './identifiers';
import { personName, TRADES } from './names';
import { GeneratorContext } from './options';
import { PlannedWorker, ProjectPlan } from './plan-types';
import { Rng } from './prng';
import { HOMETOWN_REGIONS } from './regions';

const TEAM_NUMBERS = '一二三四五六七八九十';

/** A person with a valid, project-unique ID number (born 1966–2006 relative to the as-of date). */
export function newPerson(rng: Rng, ctx: GeneratorContext, regionCode: string, taken: Set<string>): { id: string; name: string } {
  for (;;) {
    const male = rng.chance(0.88);
    const birth = addDays(ctx.asOf, -rng.int(20 * 365 + 5, 60 * 365));
    const hometown = rng.chance(0.7) ? rng.pick(HOMETOWN_REGIONS) : regionCode;
    const id = makeIdNumber(rng, hometown, birth, male);
    if (taken.has(id)) continue;
    taken.add(id);
    return { id, name: personName(rng, male) };
  }
}

/**
 * Workers in teams of about ten, their monthly attendance and payroll over the window,
 * all paid in full from the dedicated account before the month ends, and a monthly
 * labour-cost allocation that covers each month's payroll.
 */
export function addWorkforce(ctx: GeneratorContext, rng: Rng, plan: ProjectPlan, problem: boolean): void {
  if (!plan.startedOn) return;
  const P = ctx.period;
  let count = Math.max(1, Math.round(ctx.workersPerProject * (0.6 + rng.next() * 0.8)));
  if (problem) count = Math.max(count, 15);
  const startMonth = monthOf(plan.startedOn);
  const completed = plan.status === 'completed';
  const lastMonth = completed ? monthOf(plan.plannedEndOn) : P;
  const dataStart = Math.max(ctx.firstMonth, startMonth);
  const taken = new Set<string>();
  const labour = plan.ownEnterprises;
  const teamSize = rng.int(8, 12);
  const tradeOffset = rng.int(0, TRADES.length - 1);
  let leader: { id: string; trade: string; team: string; employer: string } | null = null;

  for (let k = 0; k < count; k++) {
    const person = newPerson(rng, ctx, plan.district.code, taken);
    const t = Math.floor(k / teamSize);
    if (k % teamSize === 0) {
      const trade = TRADES[(tradeOffset + t) % TRADES.length];
      const employer = t % 3 === 2 ? plan.contractorUscc : labour[t % 2].uscc;
      leader = { id: person.id, trade, team: `${trade.replace(/工$/, '')}${TEAM_NUMBERS[t % 10]}班`, employer };
    }
    const team = leader as NonNullable<typeof leader>;
    let enteredOn = addDays(plan.startedOn, rng.int(0, 20));
    if (!completed && k % teamSize !== 0 && rng.chance(0.2)) {
      enteredOn = dayOfMonth(rng.int(dataStart, P), rng.int(1, 25));
    }
    let exitedOn: string | null = null;
    if (completed) exitedOn = plan.plannedEndOn;
    else if (k % teamSize !== 0 && rng.chance(0.1)) {
      // Problem projects keep exits out of P so that each shows the rule it was built for.
      const from = Math.max(monthOf(enteredOn), dataStart);
      const to = problem ? P - 1 : P;
      exitedOn = from <= to ? dayOfMonth(rng.int(from, to), rng.int(5, 28)) : null;
      if (exitedOn && toDay(exitedOn) < toDay(enteredOn)) exitedOn = null;
    }
    const worker: PlannedWorker = {
      idNumber: person.id,
      name: person.name,
      employerUscc: team.employer,
      teamName: team.team,
      teamLeaderId: team.id,
      trade: k % teamSize === 0 || rng.chance(0.7) ? team.trade : rng.pick(TRADES),
      enteredOn,
      exitedOn,
      contractSigned: true,
      bankCard: makeBankCard(rng),
    };
    plan.workers.push(worker);
    addMonths(rng, plan, worker, dataStart, lastMonth);
  }
  addAllocations(rng, plan);
}

function addMonths(rng: Rng, plan: ProjectPlan, w: PlannedWorker, from: MonthIndex, to: MonthIndex): void {
  const dailyFen = rng.int(44, 96) * 500; // 220–480 yuan a day
  const first = Math.max(from, monthOf(w.enteredOn));
  const last = Math.min(to, w.exitedOn ? monthOf(w.exitedOn) : to);
  for (let m = first; m <= last; m++) {
    let days = rng.chance(0.85) ? rng.int(20, 26) : rng.int(6, 19);
    if (m === monthOf(w.enteredOn)) days = Math.min(days, daysInMonth(m) - Number(w.enteredOn.slice(8)) + 1);
    if (w.exitedOn && m === monthOf(w.exitedOn)) days = Math.min(days, Number(w.exitedOn.slice(8)));
    if (days < 1) continue;
    plan.attendance.push({ idNumber: w.idNumber, month: m, days });
    const payableFen = days * dailyFen;
    plan.payroll.push({
      idNumber: w.idNumber,
      month: m,
      payableFen,
      paidFen: payableFen,
      paidOn: addDays(lastDayOf(m), -rng.int(0, 3)),
      paidVia: 'dedicated_account',
    });
  }
}

/** One allocation per month with payroll, 0–8 % above that month's wage bill, early in the month. */
function addAllocations(rng: Rng, plan: ProjectPlan): void {
  const byMonth = new Map<MonthIndex, number>();
  for (const p of plan.payroll) byMonth.set(p.month, (byMonth.get(p.month) ?? 0) + p.payableFen);
  const months = [...byMonth.keys()].sort((a, b) => a - b);
  for (const m of months) {
    const fen = byMonth.get(m) ?? 0;
    const amountFen = Math.ceil((fen * (100 + rng.int(0, 8))) / 100 / 100) * 100;
    const paidOn = dayOfMonth(m, rng.int(3, 15));
    plan.allocations.push({ txnRef: `RG${paidOn.replace(/-/g, '')}${String(plan.index).padStart(6, '0')}${rng.digits(4)}`, paidOn, amountFen });
  }
}
