import { REQUEST_LOG_SERIALIZERS } from './logging.module';

describe('request log serializers', () => {
  it('keep the request line and id, and no header (no token can reach the log)', () => {
    const req = {
      id: 'req-1',
      method: 'GET',
      url: '/api/v1/alerts?status=open',
      remoteAddress: '127.0.0.1',
      headers: { authorization: 'Bearer secret', cookie: 'a=b', 'user-agent': 'x' },
    };
    const out = REQUEST_LOG_SERIALIZERS.req(req);
    expect(out).toEqual({ id: 'req-1', method: 'GET', url: '/api/v1/alerts?status=open', remoteAddress: '127.0.0.1' });
    expect(JSON.stringify(out)).not.toContain('secret');
    expect(REQUEST_LOG_SERIALIZERS.res({ statusCode: 200, headers: { 'set-cookie': 'x' } } as { statusCode: number })).toEqual({ statusCode: 200 });
  });
});
