import { addDays } from './dates';
import { strayUscc } from './enterprises';
import { makeIdNumber } from './identifiers';
import { GeneratorContext } from './options';
import { rngFor } from './prng';
import { streetsOf } from './regions';
import { Row, yuan } from './schema';

const TEAM_ORDINALS = '一二三四';

/** Per district: a brigade (大队) and street teams (中队) that split its streets between them. */
export function* inspectionUnitRows(ctx: GeneratorContext): Generator<Row> {
  for (const d of ctx.districts) {
    const brigade = `JC${d.code}`;
    yield { unit_code: brigade, name: `${d.city}${d.name}劳动保障监察大队`, kind: 'brigade', region_code: d.code, street_codes: '', parent_unit_code: '', webhook_url: '' };
    const streets = streetsOf(d);
    const teams = streets.length >= 9 ? 3 : 2;
    for (let t = 0; t < teams; t++) {
      const mine = streets.filter((_, i) => i % teams === t);
      yield {
        unit_code: `${brigade}-${String(t + 1).padStart(2, '0')}`,
        name: `${d.city}${d.name}劳动保障监察${TEAM_ORDINALS[t]}中队`,
        kind: 'team',
        region_code: d.code,
        street_codes: mine.map((s) => s.code).join(';'),
        parent_unit_code: brigade,
        webhook_url: '',
      };
    }
  }
}

/** Per district: housing & construction (房建, 市政), water, and transport bureaus. */
export function* industryBureauRows(ctx: GeneratorContext): Generator<Row> {
  for (const d of ctx.districts) {
    const place = `${d.city}${d.name}`;
    yield { bureau_code: `ZJ${d.code}`, name: `${place}住房和城市建设局`, region_code: d.code, industries: 'housing;municipal', webhook_url: '' };
    yield { bureau_code: `SW${d.code}`, name: `${place}水务局`, region_code: d.code, industries: 'water', webhook_url: '' };
    yield { bureau_code: `JT${d.code}`, name: `${place}交通运输局`, region_code: d.code, industries: 'transport', webhook_url: '' };
  }
}

const SOURCES = ['national_platform', 'hotline', 'walk_in', 'letter', 'other'];
const SUMMARIES = ['反映装修工程拖欠工资', '反映小型零星工程包工头欠薪', '咨询工资支付政策', '反映某劳务公司未发放工资'];

/** Clues that name no project (small jobs, policy questions): realistic noise for the platform. */
export function* strayClueRows(ctx: GeneratorContext): Generator<Row> {
  const n = Math.ceil(ctx.projects / 5);
  for (let j = 0; j < n; j++) {
    const rng = rngFor(ctx.seed, 'stray-clue', j);
    const workers = rng.int(1, 8);
    yield {
      clue_id: `XS${String(ctx.projects * 8 + j).padStart(10, '0')}`,
      received_on: addDays(ctx.asOf, -rng.int(0, 120)),
      source: rng.pick(SOURCES),
      region_code: rng.pick(ctx.districts).code,
      project_code: '',
      employer_uscc: rng.chance(0.4) ? strayUscc(ctx, j) : '',
      workers_involved: String(workers),
      amount_claimed: rng.chance(0.8) ? yuan(workers * rng.int(20, 120) * 10_000) : '',
      summary: rng.pick(SUMMARIES),
    };
  }
}

/** Watchlist entries for parties on no generated project, some long expired. */
export function* strayWatchlistRows(ctx: GeneratorContext): Generator<Row> {
  const n = Math.ceil(ctx.projects / 10);
  for (let j = 0; j < n; j++) {
    const rng = rngFor(ctx.seed, 'stray-watch', j);
    const expired = rng.chance(0.3);
    const listedOn = addDays(ctx.asOf, expired ? -rng.int(3 * 365 + 30, 6 * 365) : -rng.int(10, 900));
    if (rng.chance(0.6)) {
      yield { subject_type: 'enterprise', subject_id: strayUscc(ctx, 100_000 + j), list: 'arrears_blacklist', listed_on: listedOn, expires_on: '', reason: '拒不支付劳动报酬' };
    } else {
      const id = makeIdNumber(rng, '110101', addDays(ctx.asOf, -rng.int(25 * 365, 55 * 365)), true);
      yield { subject_type: 'person', subject_id: id, list: 'bad_team', listed_on: listedOn, expires_on: expired ? addDays(listedOn, 365) : '', reason: '班组长恶意讨薪' };
    }
  }
}
