import { bankTransfers } from './bank-datasets';
import { DatasetSpec } from './dataset-spec';
import { attendance, clues, payroll, watchlist, workers } from './people-datasets';
import { deposits, enterprises, laborCostAllocations, projects, wageAccounts } from './project-datasets';
import { industryBureaus, inspectionUnits } from './reference-datasets';

/** Every dataset of data-contract.md, by the name used in POST /api/v1/imports/{dataset}. */
export const DATASETS: ReadonlyMap<string, DatasetSpec> = new Map(
  [enterprises, projects, wageAccounts, deposits, laborCostAllocations, workers, attendance, payroll, clues, watchlist, inspectionUnits, industryBureaus, bankTransfers].map(
    (d) => [d.name, d],
  ),
);

export const DATASET_NAMES: readonly string[] = [...DATASETS.keys()];
