import { Client } from 'pg';
import { migrateDatabase } from '@wage/database';
import { createTestEnv, TestEnv } from './support/test-env';

/**
 * The database copies project_risk.risk_score onto alerts.queue_risk with triggers
 * (migrations AlertQueueRank, QueueRiskTriggersPlanSafe). A pooled connection lives for
 * the process's life: the triggers' statements must be planned for the tables as they
 * are, not with a plan cached on this connection while they were empty (a scan of every
 * project_risk row for each new alert: 0.9–2.6 s per scan's upsert in bench:scan). The
 * plans are read with auto_explain, sent to this client as notices.
 */
describe('queue_risk triggers keep no plan made over empty tables (real PostgreSQL)', () => {
  let env: TestEnv;
  let db: Client;
  const plans: string[] = [];

  const alertSql = (project: string, n: number): string =>
    `INSERT INTO alerts (fingerprint, project_code, rule, severity, status, rule_version, first_seen_at, last_seen_at, version, evidence)
     VALUES ('${project}|PAY_RATIO_LOW|${n}', '${project}', 'PAY_RATIO_LOW', 'orange', 'open', 1, now(), now(), 1, '{}')`;

  /** The plans of the trigger statements that one statement runs. */
  async function nestedPlans(sql: string): Promise<string> {
    plans.length = 0;
    await db.query(`SET auto_explain.log_min_duration = 0`);
    try {
      await db.query(sql);
    } finally {
      await db.query(`SET auto_explain.log_min_duration = -1`);
    }
    return plans.filter((p) => !p.includes(sql.slice(0, 40))).join('\n');
  }

  beforeAll(async () => {
    env = await createTestEnv();
    await migrateDatabase(env.databaseUrl);
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    db.on('notice', (n) => plans.push(n.message ?? ''));
    await db.query(`LOAD 'auto_explain'`);
    await db.query(`SET auto_explain.log_nested_statements = on`);
    await db.query(`SET auto_explain.log_level = notice`);
    await db.query(`SET auto_explain.log_min_duration = -1`);
    // Empty and analysed as empty: what a new installation, or this CI server with
    // autovacuum off, shows the planner before the first scan.
    await db.query(`VACUUM ANALYZE project_risk, alerts`);
  });
  afterAll(async () => {
    await db?.end();
    await env?.destroy();
  });

  it('looks up a new alert’s score by its project, also after many inserts over an empty project_risk', async () => {
    // Ten single-row inserts on this connection: enough for PL/pgSQL to settle on a cached plan.
    for (let i = 1; i <= 10; i++) await db.query(alertSql(`P${i}`, i));
    await db.query(
      `INSERT INTO project_risk (project_code, risk_level, risk_score) SELECT 'P' || g, 'yellow', g % 90 FROM generate_series(1, 3000) g`,
    );
    const plan = await nestedPlans(alertSql('P2500', 2500));
    expect(plan).toMatch(/(Index (Only )?Scan using \S+|Bitmap Heap Scan) on project_risk/);
    expect(plan).not.toMatch(/Seq Scan on project_risk/);
    const [row] = (await db.query(`SELECT queue_risk FROM alerts WHERE project_code = 'P2500'`)).rows;
    expect(row.queue_risk).toBe(2500 % 90);
  });

  it('copies a changed score to the project’s alerts through its index, not a scan of every alert', async () => {
    await db.query(`INSERT INTO alerts (fingerprint, project_code, rule, severity, status, rule_version, first_seen_at, last_seen_at, version, evidence)
                    SELECT 'Q' || g || '|PAY_RATIO_LOW', 'Q' || g, 'PAY_RATIO_LOW', 'orange', 'open', 1, now(), now(), 1, '{}'
                      FROM generate_series(1, 5000) g`);
    for (let i = 1; i <= 10; i++) await db.query(`UPDATE project_risk SET risk_score = ${i} WHERE project_code = 'P${i}'`);
    const plan = await nestedPlans(`UPDATE project_risk SET risk_score = 77 WHERE project_code = 'P3'`);
    expect(plan).toMatch(/Update on alerts/);
    expect(plan).toMatch(/(Index (Only )?Scan using \S+|Bitmap Heap Scan) on alerts/);
    expect(plan).not.toMatch(/Seq Scan on alerts/);
    const [row] = (await db.query(`SELECT queue_risk FROM alerts WHERE project_code = 'P3'`)).rows;
    expect(row.queue_risk).toBe(77);
    await db.query(`DELETE FROM project_risk WHERE project_code = 'P3'`);
    const [gone] = (await db.query(`SELECT queue_risk FROM alerts WHERE project_code = 'P3'`)).rows;
    expect(gone.queue_risk).toBe(0);
  });
});
