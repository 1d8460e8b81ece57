import { addDays, dayOfMonth, firstDayOf, toDay } from './dates';
import { ownEnterprise, poolEnterprise } from './enterprises';
import { makeAccountNumber } from './identifiers';
import { BANKS, projectName } from './names';
import { GeneratorContext } from './options';
import { ProjectPlan } from './plan-types';
import { Rng } from './prng';
import { streetsOf } from './regions';

const INDUSTRIES = ['housing', 'municipal', 'water', 'transport', 'other'];
const INDUSTRY_WEIGHTS = [50, 25, 10, 10, 5];

/**
 * The project itself, its account and deposit, healthy by default: account opened and
 * filed within weeks of signing, deposit 1–3 % valid through the end of works.
 */
export function baseProject(ctx: GeneratorContext, rng: Rng, index: number, problem: boolean): ProjectPlan {
  const P = ctx.period;
  const district = rng.pick(ctx.districts);
  const street = rng.pick(streetsOf(district));
  const industry = rng.weighted(INDUSTRIES, INDUSTRY_WEIGHTS);
  const status = problem ? 'in_progress' : rng.weighted(['in_progress', 'suspended', 'completed', 'planned'] as const, [88, 4, 5, 3]);

  // Active projects start 2+ months before P (problem ones 3+, so P−1 and P−2 have data).
  let startMonth = rng.int(ctx.firstMonth - 12, P - (problem ? 3 : 2));
  if (status === 'completed') startMonth = ctx.firstMonth - rng.int(24, 36);
  const startedOn = status === 'planned' ? null : dayOfMonth(startMonth, rng.int(1, 20));
  const signedOn = startedOn ? addDays(startedOn, -rng.int(10, 60)) : addDays(ctx.asOf, -rng.int(3, 25));
  let plannedEndOn = addDays(startedOn ?? signedOn, rng.int(300, 1100));
  if (status === 'completed') plannedEndOn = addDays(firstDayOf(ctx.firstMonth), -rng.int(20, 200));
  else if (toDay(plannedEndOn) < toDay(ctx.asOf) + 60) plannedEndOn = addDays(ctx.asOf, rng.int(60, 400));

  // Log-uniform between 2 and 300 million yuan (problem projects ≥ 5 million: every state rule applies).
  const low = problem ? Math.log(5e6) : Math.log(2e6);
  const contractYuan = Math.round(Math.exp(low + rng.next() * (Math.log(3e8) - low)) / 100) * 100;
  const contractFen = contractYuan * 100;

  const pool = ctx.enterprisePool;
  const developer = 3 * rng.int(0, Math.floor((pool - 1) / 3));
  let contractor = 3 * rng.int(0, Math.floor((pool - 2) / 3)) + rng.int(1, 2);
  if (contractor >= pool) contractor = 1;
  const year = (startedOn ?? signedOn).slice(0, 4);
  const code = `${year}-${district.code}-${industry === 'transport' ? '48' : '47'}-01-${String(index + 1).padStart(6, '0')}`;

  const subcontractors = [0, 1].map((slot) => ownEnterprise(ctx, index, slot, district.code, district.city));
  const contractorUscc = poolEnterprise(ctx, contractor).uscc;
  const plan: ProjectPlan = {
    index,
    code,
    name: projectName(rng, district.name, industry),
    district,
    streetCode: street.code,
    industry,
    developerUscc: poolEnterprise(ctx, developer).uscc,
    contractorUscc,
    ownEnterprises: subcontractors,
    contractFen,
    signedOn,
    startedOn,
    plannedEndOn,
    status,
    noticeBoardPosted: status !== 'planned' || rng.chance(0.5),
    accounts: [],
    deposits: [],
    allocations: [],
    workers: [],
    attendance: [],
    payroll: [],
    clues: [],
    watchlist: [],
    transfers: [],
    variants: [],
  };
  if (status === 'planned') return plan;

  const openedOn = addDays(signedOn, rng.int(3, 25));
  plan.accounts.push({
    bankName: rng.pick(BANKS),
    accountNumber: makeAccountNumber(rng),
    openedOn,
    filedOn: addDays(openedOn, rng.int(2, 20)),
  });
  const permille = rng.int(10, 30);
  plan.deposits.push({
    contractorUscc,
    form: rng.weighted(['cash', 'bank_guarantee', 'insurance'], [40, 45, 15]),
    amountFen: Math.ceil((contractFen * permille) / 1000 / 100) * 100,
    validFrom: addDays(signedOn, rng.int(5, 25)),
    validUntil: rng.chance(0.5) ? null : addDays(plannedEndOn, 180),
  });
  return plan;
}
