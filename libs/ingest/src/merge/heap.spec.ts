import { GcNudger } from './heap';

describe('GcNudger', () => {
  it('nudges once the old generation grew by the threshold above its lowest point since the last nudge', () => {
    const readings = [50, 60, 55, 70, 74, 80, 95, 60, 58, 70, 83];
    let at = 0;
    const nudgedAt: number[] = [];
    const nudger = new GcNudger(25, () => readings[at], () => nudgedAt.push(readings[at]));
    for (; at < readings.length; at++) nudger.check();
    // 74 is +24 over 50, 80 is +30: a nudge; the floor restarts at 95, follows the heap down to 58, and 83 is +25 over it.
    expect(nudgedAt).toEqual([80, 83]);
  });
});
