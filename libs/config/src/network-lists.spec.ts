import { ConfigError, loadConfig } from './load-config';
import { parseHostList, parseTrustProxy } from './network-lists';

const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('network settings', () => {
  it('reads WEBHOOK_ALLOWED_HOSTS as host names and CIDR ranges', () => {
    const c = loadConfig({ WEBHOOK_ALLOWED_HOSTS: 'Hooks.Intranet.gov.cn, 10.20.0.0/16,127.0.0.1' });
    expect(c.webhookAllowList.map((e) => ('host' in e ? e.host : e.cidr.join('/')))).toEqual(['hooks.intranet.gov.cn', '10.20.0.0/16', '127.0.0.1/32']);
    expect(loadConfig({}).webhookAllowList).toEqual([]);
    expect(() => parseHostList('a..b')).toThrow('a..b');
  });

  it('reads TRUST_PROXY as Express does (false, true, hops, addresses)', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(parseTrustProxy('true')).toBe(true);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('loopback, 10.0.0.0/8')).toEqual(['loopback', '10.0.0.0/8']);
  });

  it('names each bad value with an example', () => {
    const found = problemsOf({ WEBHOOK_ALLOWED_HOSTS: 'ok.cn,10.0.0.0/40', TRUST_PROXY: 'sometimes', METRICS_TOKEN: 'short' });
    expect(found).toEqual([
      expect.stringMatching(/^WEBHOOK_ALLOWED_HOSTS: .*"10\.0\.0\.0\/40"/),
      expect.stringMatching(/^TRUST_PROXY: .*"sometimes"/),
      expect.stringMatching(/^METRICS_TOKEN: .*16-256 characters/),
    ]);
  });
});
