import { isLastAttempt } from './job-attempts';

describe('isLastAttempt', () => {
  it.each([
    [0, undefined, true],
    [0, 1, true],
    [0, 3, false],
    [1, 3, false],
    [2, 3, true],
  ])('attemptsMade %i of %p attempts → %p', (attemptsMade, attempts, last) => {
    expect(isLastAttempt({ attemptsMade, opts: { attempts } })).toBe(last);
  });
});
