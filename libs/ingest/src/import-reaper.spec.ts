import { Job } from 'bullmq';
import { deadJobReason } from './import-reaper';

const job = (failedReason?: string): Job => ({ failedReason }) as unknown as Job;

describe('which import jobs the reaper treats as dead', () => {
  it('leaves jobs that are still waiting, delayed or running alone', () => {
    for (const state of ['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']) expect(deadJobReason(job(), state)).toBeUndefined();
  });
  it('names what happened to a dead one', () => {
    expect(deadJobReason(undefined, 'unknown')).toMatch(/job is gone from the queue/);
    expect(deadJobReason(job('job stalled more than allowable limit'), 'failed')).toMatch(/worker loading it stopped \(killed or frozen\) too many times/);
    expect(deadJobReason(job('connect ECONNREFUSED'), 'failed')).toBe('its job failed (connect ECONNREFUSED)');
    expect(deadJobReason(job(), 'completed')).toMatch(/ended without finishing it/);
  });
});
