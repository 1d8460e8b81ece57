import { prepareInfrastructure, StartupError } from '@wage/ops';
import { createTestEnv, deleteRedisPrefix, TestEnv } from './support/test-env';

describe('queue prefix ownership', () => {
  const envs: TestEnv[] = [];
  afterAll(async () => {
    for (const env of envs) await env.destroy();
  });

  it('refuses to start on a queue prefix that serves another database, and names the fix', async () => {
    const first = await createTestEnv();
    envs.push(first);
    await prepareInfrastructure(() => undefined);
    await prepareInfrastructure(() => undefined); // the same database again: fine (restart, second worker)

    const second = await createTestEnv();
    envs.push(second);
    process.env.QUEUE_PREFIX = first.queuePrefix; // a new database on the first one's prefix
    const refused = prepareInfrastructure(() => undefined);
    await expect(refused).rejects.toBeInstanceOf(StartupError);
    await expect(refused).rejects.toThrow(/QUEUE_PREFIX "test_[\w]+" .* belongs to another database.*Use another QUEUE_PREFIX/);

    await deleteRedisPrefix(first.redisUrl, first.queuePrefix); // the operator's documented way out
    await expect(prepareInfrastructure(() => undefined)).resolves.toBeDefined();
  });
});
