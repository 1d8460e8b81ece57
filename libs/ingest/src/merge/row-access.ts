import { PoolClient } from 'pg';
import { datasetRefusal, isProjectScoped, type ApiKeyScope } from '@wage/auth';
import type { HostListEntry } from '@wage/config';
import { webhookUrlProblem } from '@wage/notifications';
import { DatasetSpec, Values } from '../datasets/dataset-spec';
import { Import } from '../entities/import.entity';
import { FileProblem } from '../reading/file-problem';
import { RowError, RowErrorCode } from '../validation/error-codes';

/** A check of one valid row beyond its cells: null when it may be loaded. Sync unless it must wait (DNS). */
export type RowCheck = (values: Values, row: number) => RowError | null | Promise<RowError | null>;

const WEBHOOK_COLUMN = 'webhook_url';

/**
 * The checks an import's rows get from who submitted it and what they name:
 *  - a scoped API key (workflow.md): the dataset must still be in the key's scope (else
 *    the whole file fails), and every row must be for a project the key may load
 *    (`PROJECT_NOT_ALLOWED` otherwise; for `projects` rows of a contractor's key, a
 *    project of that contractor which no other contractor holds);
 *  - webhook URLs (units, bureaus): https to public addresses unless allow-listed.
 * Runs inside the import's transaction, so the key and projects are read once, as of
 * the load.
 */
export async function rowChecks(client: PoolClient, imp: Import, spec: DatasetSpec, allow: readonly HostListEntry[]): Promise<RowCheck | undefined> {
  const checks: RowCheck[] = [];
  if (imp.submittedByKind === 'api_key') {
    const scope = await keyScope(client, imp.submittedById);
    const refusal = datasetRefusal(scope, spec.name);
    if (refusal) throw new FileProblem(refusal);
    if (isProjectScoped(scope)) checks.push(await projectCheck(client, spec, scope));
  }
  if (spec.fields.some((f) => f.column === WEBHOOK_COLUMN)) checks.push(webhookCheck(allow));
  if (checks.length === 0) return undefined;
  if (checks.length === 1) return checks[0];
  return async (values, row) => {
    for (const check of checks) {
      const error = await check(values, row);
      if (error) return error;
    }
    return null;
  };
}

async function keyScope(client: PoolClient, id: string): Promise<ApiKeyScope> {
  const { rows } = await client.query<{ datasets: string[]; project_codes: string[] | null; contractor_uscc: string | null }>(
    'SELECT datasets, project_codes, contractor_uscc FROM api_keys WHERE id = $1',
    [id],
  );
  if (rows.length === 0) throw new FileProblem('The API key of this import no longer exists');
  return { datasets: rows[0].datasets, projectCodes: rows[0].project_codes, contractorUscc: rows[0].contractor_uscc };
}

async function projectCheck(client: PoolClient, spec: DatasetSpec, scope: ApiKeyScope): Promise<RowCheck> {
  const listed = new Set(scope.projectCodes ?? []);
  const contractor = scope.contractorUscc;
  // Existing projects and their general contractor: a contractor's key covers its own
  // projects and may create new ones under its own credit code, never take over another's.
  const { rows } = await client.query<{ project_code: string; general_contractor_uscc: string }>(
    'SELECT project_code, general_contractor_uscc FROM projects',
  );
  const contractorOf = new Map(rows.map((r) => [r.project_code, r.general_contractor_uscc]));
  const column = spec.projectColumn ?? 'project_code';
  const refuse = (row: number, code: string | undefined): RowError => ({
    row,
    column,
    code: RowErrorCode.ProjectNotAllowed,
    message: code
      ? `This API key may not load rows for project ${code}; ask an admin to add the project to the key's scope`
      : 'This API key may load rows only for its projects, and this row names none',
  });
  return (values, row) => {
    const code = values[column] as string | undefined;
    if (code === undefined) return refuse(row, code);
    if (listed.has(code)) return null;
    if (contractor) {
      const holder = contractorOf.get(code);
      if (spec.name !== 'projects') {
        if (holder === contractor) return null;
      } else if (values.general_contractor_uscc === contractor && (holder === undefined || holder === contractor)) {
        return null;
      }
    }
    return refuse(row, code);
  };
}

function webhookCheck(allow: readonly HostListEntry[]): RowCheck {
  const seen = new Map<string, Promise<string | null>>();
  return async (values, row) => {
    const url = values[WEBHOOK_COLUMN] as string | undefined;
    if (!url) return null;
    let problem = seen.get(url);
    if (!problem) seen.set(url, (problem = webhookUrlProblem(url, allow)));
    const message = await problem;
    return message ? { row, column: WEBHOOK_COLUMN, code: RowErrorCode.WebhookNotAllowed, message } : null;
  };
}
