import { DataSource } from 'typeorm';
import { dataSourceOptions, migrateDatabase } from '@wage/database';
import { assessedPeriod, EvaluationScope, RegionProfileService, RuleCode, RuleEngine, RuleFinding } from '@wage/rules';
import { fixtures, Fixtures } from './fixtures';
import { createTestEnv } from './test-env';

export interface RulesDb {
  ds: DataSource;
  engine: RuleEngine;
  profiles: RegionProfileService;
  fx: Fixtures;
  /** Findings of one rule for the given projects as of D (period defaults to the assessed one). */
  run(rule: RuleCode, projects: string[], asOf: string, period?: string): Promise<RuleFinding[]>;
  evaluate(scope: EvaluationScope): ReturnType<RuleEngine['evaluate']>;
  close(): Promise<void>;
}

/**
 * A migrated database of its own and the rule engine wired by hand (no Nest app):
 * the lighter harness for rule tests.
 */
export async function openRulesDb(): Promise<RulesDb> {
  const env = await createTestEnv();
  await migrateDatabase(env.databaseUrl);
  // The app's session settings (time zone, temp_buffers), with a smaller pool.
  const options = dataSourceOptions(env.databaseUrl);
  const ds = new DataSource({ ...options, extra: { ...(options.extra as Record<string, unknown>), max: 2 } });
  await ds.initialize();
  const profiles = new RegionProfileService(ds);
  const engine = new RuleEngine(profiles);
  return {
    ds,
    engine,
    profiles,
    fx: fixtures(ds),
    async run(rule, projects, asOf, period) {
      const result = await engine.evaluate(ds.manager, { asOf, period: period ?? assessedPeriod(asOf), projectCodes: projects, rules: [rule] });
      return result.findings;
    },
    evaluate: (scope) => engine.evaluate(ds.manager, scope),
    async close() {
      await ds.destroy();
      await env.destroy();
    },
  };
}
