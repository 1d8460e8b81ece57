import { parseHostList } from '@wage/config';
import { blockedRange, checkWebhookTarget, Resolver } from './webhook-target';

const resolvesTo = (...addresses: string[]): Resolver => async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('webhook targets', () => {
  it.each([
    '127.0.0.1', '127.1.2.3', '10.0.0.5', '172.16.3.4', '192.168.1.1', '169.254.169.254', '100.100.100.200', '0.0.0.0',
    '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:169.254.169.254', '224.0.0.1', '198.18.0.1', '64:ff9b::a9fe:a9fe',
  ])('refuses %s', (address) => {
    expect(blockedRange(address)).not.toBeNull();
  });

  it('accepts public unicast addresses', () => {
    expect(blockedRange('203.119.1.1')).toBeNull();
    expect(blockedRange('2400:3200::1')).toBeNull();
  });

  it('needs https and a public address for every DNS answer', async () => {
    expect(await checkWebhookTarget('https://hooks.example.cn/x', [], resolvesTo('203.119.1.1'))).toEqual({ ok: true, address: '203.119.1.1', family: 4 });
    expect(await checkWebhookTarget('http://hooks.example.cn/x', [], resolvesTo('203.119.1.1'))).toMatchObject({ ok: false, reason: expect.stringContaining('https') });
    expect(await checkWebhookTarget('https://evil.example.cn/x', [], resolvesTo('203.119.1.1', '10.0.0.1'))).toMatchObject({ ok: false, reason: expect.stringContaining('10.0.0.1') });
    expect(await checkWebhookTarget('https://[::1]:8443/x', [], resolvesTo())).toMatchObject({ ok: false });
    expect(await checkWebhookTarget('https://169.254.169.254/latest/meta-data', [], resolvesTo())).toMatchObject({ ok: false, reason: expect.stringContaining('linkLocal') });
    expect(await checkWebhookTarget('ftp://x.cn/', [], resolvesTo('203.119.1.1'))).toMatchObject({ ok: false });
    expect(await checkWebhookTarget('https://u:p@x.cn/', [], resolvesTo('203.119.1.1'))).toMatchObject({ ok: false });
  });

  it('lets the allow-list open private hosts and networks, and http only for them', async () => {
    const allow = parseHostList('hooks.intranet.gov.cn, 10.20.0.0/16');
    expect(await checkWebhookTarget('http://hooks.intranet.gov.cn/x', allow, resolvesTo('10.9.9.9'))).toMatchObject({ ok: true, address: '10.9.9.9' });
    expect(await checkWebhookTarget('http://other.gov.cn/x', allow, resolvesTo('10.20.1.1'))).toMatchObject({ ok: true });
    expect(await checkWebhookTarget('http://other.gov.cn/x', allow, resolvesTo('10.21.1.1'))).toMatchObject({ ok: false });
    expect(await checkWebhookTarget('https://10.20.0.7/x', allow, resolvesTo())).toMatchObject({ ok: true });
  });

  it('rejects a bad allow-list entry by name', () => {
    expect(() => parseHostList('good.cn, 10.0.0.0/33')).toThrow('10.0.0.0/33');
  });
});
