import { addHealthyBankFeed } from './bank-feed';
import { GeneratorContext, problemOrdinal } from './options';
import { ProjectPlan } from './plan-types';
import { rngFor } from './prng';
import { baseProject } from './project-base';
import { VARIANT_IDS } from './variant-ids';
import { addClue, VARIANTS } from './variants';
import { addWorkforce } from './workforce';

/**
 * Project number `index` of the run, rebuilt from (seed, index) alone so any dataset can
 * be streamed project by project without keeping earlier projects in memory.
 */
export function buildProjectPlan(ctx: GeneratorContext, index: number): ProjectPlan {
  const rng = rngFor(ctx.seed, 'project', index);
  const ordinal = problemOrdinal(ctx, index);
  const problem = ordinal >= 0;
  const plan = baseProject(ctx, rng, index, problem);
  addWorkforce(ctx, rng, plan, problem);
  if (problem) {
    const variant = VARIANT_IDS[(ordinal + ctx.seed) % VARIANT_IDS.length];
    plan.variants.push(variant);
    VARIANTS[variant](ctx, rngFor(ctx.seed, 'variant', index), plan);
  } else {
    if (plan.status !== 'planned' && rng.chance(0.15)) {
      // An old complaint, long settled: history that must not count as a cluster.
      addClue(ctx, rng, plan, rng.int(45, 400), rng.int(1, 6));
    }
    addHealthyBankFeed(ctx, plan);
  }
  return plan;
}
