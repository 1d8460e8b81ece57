import { CallHandler, ExecutionContext } from '@nestjs/common';
import { lastValueFrom, of, throwError } from 'rxjs';
import { localWrites, LocalWritesInterceptor } from './local-writes';

const http = (method: string): ExecutionContext =>
  ({ getType: () => 'http', switchToHttp: () => ({ getRequest: () => ({ method }) }) }) as unknown as ExecutionContext;

describe('LocalWritesInterceptor', () => {
  const interceptor = new LocalWritesInterceptor();
  const ok: CallHandler = { handle: () => of('done') };

  it('counts a request that may write once its handler has finished, failed ones too', async () => {
    const before = localWrites();
    await lastValueFrom(interceptor.intercept(http('POST'), ok));
    await expect(lastValueFrom(interceptor.intercept(http('PATCH'), { handle: () => throwError(() => new Error('409')) }))).rejects.toThrow('409');
    expect(localWrites()).toBe(before + 2);
  });

  it('leaves reads uncounted', async () => {
    const before = localWrites();
    await lastValueFrom(interceptor.intercept(http('GET'), ok));
    await lastValueFrom(interceptor.intercept(http('HEAD'), ok));
    expect(localWrites()).toBe(before);
  });
});
