import { rangeOfShardJob, shardCountFor, shardRanges } from './shard-range';

describe('shardCountFor', () => {
  it('keeps the minimum for a small province, adds shards of at most projectsPerShard for a large one, at most 64', () => {
    expect(shardCountFor(0, 2, 2500)).toBe(2);
    expect(shardCountFor(5000, 2, 2500)).toBe(2);
    expect(shardCountFor(5001, 2, 2500)).toBe(3);
    expect(shardCountFor(9000, 2, 2500)).toBe(4);
    expect(shardCountFor(90000, 2, 2500)).toBe(36);
    expect(shardCountFor(1_000_000, 2, 2500)).toBe(64);
    expect(shardCountFor(100, 8, 2500)).toBe(8);
  });
});

describe('shardRanges', () => {
  it('splits at the bounds, open at both ends, so every code lands in exactly one shard', () => {
    expect(shardRanges(['C', 'F'], 3)).toEqual([
      { from: null, to: 'C' },
      { from: 'C', to: 'F' },
      { from: 'F', to: null },
    ]);
  });

  it('one shard takes everything', () => {
    expect(shardRanges([], 1)).toEqual([{ from: null, to: null }]);
  });

  it('with fewer projects than shards the last shards get an empty range', () => {
    expect(shardRanges(['B'], 4)).toEqual([
      { from: null, to: 'B' },
      { from: 'B', to: null },
      { from: '', to: '' },
      { from: '', to: '' },
    ]);
    expect(shardRanges([], 2)).toEqual([{ from: null, to: null }, { from: '', to: '' }]);
  });

  it('a job without a range (enqueued by an older version): shard 0 takes every code, the others none', () => {
    expect(rangeOfShardJob(0, undefined)).toEqual({ from: null, to: null });
    expect(rangeOfShardJob(1, undefined)).toEqual({ from: '', to: '' });
    expect(rangeOfShardJob(3, undefined)).toEqual({ from: '', to: '' });
    expect(rangeOfShardJob(1, { from: 'C', to: 'F' })).toEqual({ from: 'C', to: 'F' });
  });
});
