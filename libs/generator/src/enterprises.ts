import { makeUscc } from './identifiers';
import { companyName, CompanyRole } from './names';
import { GeneratorContext } from './options';
import { rngFor } from './prng';

export interface GeneratedEnterprise {
  uscc: string;
  name: string;
  regionCode: string;
}

/** Shared pool: every third enterprise is a developer, the others general contractors. */
export function poolRole(i: number): CompanyRole {
  return i % 3 === 0 ? 'developer' : 'contractor';
}

export function poolEnterprise(ctx: GeneratorContext, i: number): GeneratedEnterprise {
  const rng = rngFor(ctx.seed, 'enterprise', i);
  const district = rng.pick(ctx.districts);
  return {
    uscc: makeUscc(i, district.code, ctx.seed % 100_000_000),
    name: companyName(rng, district.city, poolRole(i)),
    regionCode: district.code,
  };
}

export function poolUscc(ctx: GeneratorContext, i: number): string {
  return poolEnterprise(ctx, i).uscc;
}

/** An enterprise that belongs to one project (slot 0–1: labour subcontractors, 2: own GC). */
export function ownEnterprise(
  ctx: GeneratorContext,
  projectIndex: number,
  slot: number,
  regionCode: string,
  city: string,
): GeneratedEnterprise {
  const serial = ctx.enterprisePool + projectIndex * 3 + slot;
  const rng = rngFor(ctx.seed, 'own-enterprise', serial);
  return {
    uscc: makeUscc(serial, regionCode, ctx.seed % 100_000_000),
    name: companyName(rng, city, slot === 2 ? 'contractor' : 'labor'),
    regionCode,
  };
}

/** USCCs that appear nowhere else (watchlist noise), numbered after every real enterprise. */
export function strayUscc(ctx: GeneratorContext, k: number): string {
  return makeUscc(ctx.enterprisePool + ctx.projects * 3 + k, '110101', ctx.seed % 100_000_000);
}
