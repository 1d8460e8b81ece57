import { CopyText } from '../datasets/dataset-spec';
import { DATASETS } from '../datasets/registry';
import { copyEscape, copyField } from './copy-text';
import { KeyHasher, keyHash, KeySet } from './key-set';
import { copyNewSql, copyStageSql, mergeSql } from './merge-sql';
import { SegmentedStage } from './segments';

describe('COPY text encoding (the natural key\'s hash reads it)', () => {
  it('escapes the characters COPY treats specially and encodes every value kind', () => {
    expect(copyEscape('a\tb\nc\\d\r')).toBe('a\\tb\\nc\\\\d\\r');
    expect(copyField(null)).toBe('\\N');
    expect(copyField(true)).toBe('t');
    expect(copyField(12)).toBe('12');
    expect(copyField(Buffer.from([1, 255]))).toBe('\\\\x01ff');
    expect(copyField(new CopyText('\\\\xab'))).toBe('\\\\xab');
    expect(copyField(['420113001', 'a"b'])).toBe('{"420113001","a\\\\"b"}');
  });
});

describe('KeySet', () => {
  it('notices a repeated key and forgets everything on reset', () => {
    const keys = new KeySet();
    for (let i = 0; i < 100_000; i++) keys.add([`P${i % 7}`, `k${i}`], [0, 1]);
    expect(keys.repeated).toBe(false);
    keys.add(['P3', 'k3'], [0, 1]);
    expect(keys.repeated).toBe(true);
    keys.reset();
    keys.add(['P3', 'k3'], [0, 1]);
    expect(keys.repeated).toBe(false);
  });
});

describe('SegmentedStage', () => {
  /** Rows as their own bytes (the stage only cuts at the row ends it is given). */
  const encoded = (rows: string[]): [Uint8Array, Uint32Array] => {
    const ends = new Uint32Array(rows.length);
    let at = 0;
    rows.forEach((r, i) => (ends[i] = at += Buffer.byteLength(r)));
    return [new TextEncoder().encode(rows.join('')), ends];
  };

  it('loads segments one after the other, in order, and the rest on finish', async () => {
    const loaded: Array<{ text: string; repeat: boolean }> = [];
    let running = 0;
    const stage = new SegmentedStage(async (segment, repeat) => {
      expect(++running).toBe(1);
      await new Promise((r) => setTimeout(r, 5));
      loaded.push({ text: segment.toString(), repeat });
      running--;
    }, 2);
    const hashes = { a: 1, b: 2, c: 3, d: 3, e: 5 };
    for (const [row, hash] of Object.entries(hashes)) await stage.addEncoded(...encoded([row]), Float64Array.of(hash));
    await stage.finish();
    expect(loaded).toEqual([
      { text: 'ab', repeat: false },
      { text: 'cd', repeat: true },
      { text: 'e', repeat: false },
    ]);
  });

  it('cuts encoded batches at exact row counts, whatever the batch sizes and row lengths', async () => {
    const loaded: Array<{ text: string; repeat: boolean }> = [];
    const stage = new SegmentedStage(async (segment, repeat) => {
      loaded.push({ text: segment.toString(), repeat });
    }, 3);
    const batch = (rows: string[], hashes: number[]): Promise<void> => stage.addEncoded(...encoded(rows), Float64Array.from(hashes));
    await batch(['a\n\nx', 'bé'], [1, 2]);
    await batch(['c', 'dd', 'e', 'f\n', 'g'], [3, 4, 4, 6, 7]);
    await batch([], []);
    await stage.finish();
    expect(loaded).toEqual([
      { text: 'a\n\nxbéc', repeat: false },
      { text: 'ddef\n', repeat: true },
      { text: 'g', repeat: false },
    ]);
  });

  it('frames each segment and keeps it intact while the next one fills (two reused buffers)', async () => {
    const seen: Buffer[] = [];
    const loaded: string[] = [];
    const stage = new SegmentedStage(
      async (segment) => {
        seen.push(segment);
        await new Promise((r) => setTimeout(r, 5)); // the next segment fills meanwhile
        loaded.push(segment.toString());
      },
      2,
      { head: Buffer.from('<'), tail: Buffer.from('>') },
    );
    const scratch = Buffer.alloc(2);
    for (const row of ['ab', 'cd', 'ef', 'gh', 'ij']) {
      scratch.write(row); // the caller reuses its bytes once addEncoded resolved
      await stage.addEncoded(scratch, Uint32Array.of(2), Float64Array.of(row.charCodeAt(0)));
    }
    await stage.finish();
    expect(loaded).toEqual(['<abcd>', '<efgh>', '<ij>']);
    expect(seen[2].buffer).toBe(seen[0].buffer); // the first buffer again
  });

  it('surfaces a failed load', async () => {
    const stage = new SegmentedStage(() => Promise.reject(new Error('db down')), 1);
    await stage.addEncoded(...encoded(['a']), Float64Array.of(1));
    await expect(stage.finish()).rejects.toThrow('db down');
  });
});

describe('mergeSql', () => {
  it('upserts only changed rows, never compares ciphertext, and audits updates', () => {
    const sql = mergeSql(DATASETS.get('payroll')!, false);
    expect(sql).toContain('ON CONFLICT ("project_code", "id_hash", "period") DO UPDATE');
    expect(sql).toMatch(/IS DISTINCT FROM/);
    expect(sql).not.toMatch(/t\."id_enc"\s*,?[^)]*\)\s*IS DISTINCT/);
    expect(sql).toContain('INSERT INTO import_changes');
    expect(mergeSql(DATASETS.get('payroll')!, true)).toContain('DISTINCT ON');
    const plain = mergeSql(DATASETS.get('payroll')!, false, false);
    expect(plain).not.toContain('import_changes');
    expect(plain).not.toContain('$2');
    // one COPY text for both: staged columns, then last_import_id
    expect(copyNewSql(DATASETS.get('payroll')!)).toMatch(/^COPY "payroll" \(.*"paid_via", last_import_id\) FROM STDIN \(FORMAT binary\)$/);
    expect(copyStageSql(DATASETS.get('payroll')!)).toMatch(/^COPY ingest_stage \(.*"paid_via", last_import_id\) FROM STDIN \(FORMAT binary\)$/);
  });
});

describe('KeyHasher', () => {
  const hash = (parts: Array<string | Uint8Array>): number => {
    const h = new KeyHasher();
    h.start();
    for (const p of parts) {
      if (typeof p === 'string') h.string(p);
      else h.bytes(p);
    }
    return h.value();
  };

  it('hashes equal keys equal and keeps columns, strings and bytes apart', () => {
    const blind = Buffer.from('6b1f0c2e9a7d4f3b8c5e1a2d7f9b0c3e6a4d8f1b2c5e7a9d0f3b6c8e1a4d7f2b', 'hex');
    expect(hash(['P1', Buffer.from(blind), '2026-10-01'])).toBe(hash(['P1', blind, '2026-10-01']));
    expect(hash(['ab', 'c'])).not.toBe(hash(['a', 'bc']));
    expect(hash(['A'])).not.toBe(hash([Buffer.from('A')]));
    expect(hash(['P1', blind])).not.toBe(hash(['P2', blind]));
    expect(hash(['x'])).toBe(keyHash(['x'], [0]));
    expect(hash(['x'])).toBeGreaterThan(0);
  });
});
