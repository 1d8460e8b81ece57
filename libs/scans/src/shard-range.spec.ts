import { rangeOfShardJob, shardRanges } from './shard-range';

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
