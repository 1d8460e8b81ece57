import { poolEnterprise } from './enterprises';
import { GeneratorContext, GeneratorOptions, resolveOptions } from './options';
import { ProjectPlan } from './plan-types';
import { planRows, ProjectDataset } from './plan-rows';
import { buildProjectPlan } from './project-plan';
import { industryBureauRows, inspectionUnitRows, strayClueRows, strayWatchlistRows } from './reference-data';
import { DATASET_NAMES, DatasetName, Row } from './schema';

/** Every project's plan, one at a time. */
export function* projectPlans(ctx: GeneratorContext): Generator<ProjectPlan> {
  for (let i = 0; i < ctx.projects; i++) yield buildProjectPlan(ctx, i);
}

/** Rows that come before any project's rows in a dataset (the shared enterprise pool). */
export function* leadingRows(ctx: GeneratorContext, dataset: DatasetName): Generator<Row> {
  if (dataset === 'enterprises') {
    for (let i = 0; i < ctx.enterprisePool; i++) {
      const e = poolEnterprise(ctx, i);
      yield { uscc: e.uscc, name: e.name, region_code: e.regionCode };
    }
  }
  if (dataset === 'inspection_units') yield* inspectionUnitRows(ctx);
  if (dataset === 'industry_bureaus') yield* industryBureauRows(ctx);
}

/** Rows that come after every project's rows (clues and watchlist entries naming no project). */
export function* trailingRows(ctx: GeneratorContext, dataset: DatasetName): Generator<Row> {
  if (dataset === 'clues') yield* strayClueRows(ctx);
  if (dataset === 'watchlist') yield* strayWatchlistRows(ctx);
}

export function isProjectDataset(dataset: DatasetName): dataset is ProjectDataset {
  return dataset !== 'inspection_units' && dataset !== 'industry_bureaus';
}

/** One dataset's rows in file order, streamed (memory stays at one project's worth). */
export function* datasetRows(ctx: GeneratorContext, dataset: DatasetName): Generator<Row> {
  yield* leadingRows(ctx, dataset);
  if (isProjectDataset(dataset)) {
    for (const plan of projectPlans(ctx)) yield* planRows(plan)[dataset];
  }
  yield* trailingRows(ctx, dataset);
}

export type GeneratedDataset = Record<DatasetName, AsyncIterable<Row>>;

/**
 * The whole dataset as async iterables of row objects (canonical column names → text),
 * one per dataset; each can be consumed on its own, e.g. fed to an importer in a benchmark.
 */
export function generateDataset(options: GeneratorOptions): GeneratedDataset {
  const ctx = resolveOptions(options);
  const out = {} as GeneratedDataset;
  for (const name of DATASET_NAMES) {
    out[name] = {
      async *[Symbol.asyncIterator]() {
        yield* datasetRows(ctx, name);
      },
    };
  }
  return out;
}
