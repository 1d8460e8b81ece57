import type { ApiKey } from './entities/api-key.entity';

/** What a submitter key may load (workflow.md "Submitter keys are scoped"). */
export interface ApiKeyScope {
  datasets: readonly string[];
  /** Project codes the key may load rows for; null = no list. */
  projectCodes: readonly string[] | null;
  /** A general contractor's USCC: all of its projects; null = none. */
  contractorUscc: string | null;
}

/** A key created without `datasets` may load these. */
export const DEFAULT_KEY_DATASETS: readonly string[] = [
  'wage_accounts',
  'deposits',
  'labor_cost_allocations',
  'workers',
  'attendance',
  'payroll',
  'bank_transfers',
];

/**
 * Never through a key, whatever the key says: the reference data that decides routing,
 * access and webhook targets, and the watchlist (admins only).
 */
export const ADMIN_ONLY_DATASETS: readonly string[] = ['inspection_units', 'industry_bureaus', 'watchlist'];

/** Datasets an admin may grant to a key. Rows of each name a project, so project scopes apply. */
export const KEY_DATASETS: readonly string[] = [...DEFAULT_KEY_DATASETS, 'projects', 'clues'];

export function apiKeyScopeOf(row: Pick<ApiKey, 'datasets' | 'projectCodes' | 'contractorUscc'>): ApiKeyScope {
  return { datasets: row.datasets, projectCodes: row.projectCodes, contractorUscc: row.contractorUscc };
}

/** A key limited to some projects (a list, a contractor, or both: their union). */
export const isProjectScoped = (s: ApiKeyScope): boolean => s.projectCodes !== null || s.contractorUscc !== null;

/** Why the key may not load `dataset`, or null when it may. */
export function datasetRefusal(s: ApiKeyScope, dataset: string): string | null {
  if (ADMIN_ONLY_DATASETS.includes(dataset)) {
    return `Dataset ${dataset} decides routing, access or webhook targets and is loaded by admins only, never through an API key`;
  }
  if (!s.datasets.includes(dataset)) {
    return `This API key may not load dataset ${dataset}; it may load: ${s.datasets.join(', ')}. Ask an admin for a key that includes it`;
  }
  return null;
}
