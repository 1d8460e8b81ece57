import { EntityManager } from 'typeorm';
import { SCOPE_WORKERS } from '../rules/sql-fragments';

/**
 * The evaluated projects' workers rows, narrowed to the columns the roster checks
 * compare (enrolment dates, contract, employer, team leader), in
 * pg_temp.rule_workers. Four rules (UNREGISTERED_WORKERS, CONTRACT_UNSIGNED,
 * ACCOUNT_DIVERSION, WATCHLISTED_PARTY) each read every row of workers to keep their
 * projects' (the table is not in project order, so a shard's rows lie on every page);
 * they now read this table, built with one such pass. Names and masked ids stay in
 * workers, read by index for the listed rows only. A temporary table for the reasons of
 * the month summary (period-summary.ts): ON COMMIT DROP, the evaluation's snapshot, a
 * DROP first so a second evaluation builds its own.
 */
export const readsScopeWorkers = (sql: string): boolean => sql.includes(SCOPE_WORKERS);

/** $1 text[] projects. */
const SCOPE_WORKERS_SQL = `CREATE TEMP TABLE rule_workers ON COMMIT DROP AS
SELECT project_code, id_hash, entered_on, exited_on, contract_signed, employer_uscc, team_leader_id_hash
  FROM workers WHERE project_code = ANY($1::text[])`;

/** Builds the workers of these projects (replacing one built earlier in the transaction). */
export async function buildScopeWorkers(m: EntityManager, projectCodes: string[]): Promise<void> {
  await m.query(`DROP TABLE IF EXISTS ${SCOPE_WORKERS}`);
  await m.query(SCOPE_WORKERS_SQL, [projectCodes]);
  await m.query(`SET LOCAL default_statistics_target = 10`);
  await m.query(`ANALYZE ${SCOPE_WORKERS}`);
  await m.query(`SET LOCAL default_statistics_target = DEFAULT`);
}
