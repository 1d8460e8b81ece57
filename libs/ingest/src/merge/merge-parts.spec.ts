import { CopyText } from '../datasets/dataset-spec';
import { DATASETS } from '../datasets/registry';
import { copyEscape, copyField } from './copy-text';
import { KeySet } from './key-set';
import { copyNewSql, copyStageSql, mergeSql } from './merge-sql';
import { SegmentedStage } from './segments';

describe('COPY text encoding', () => {
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
  it('loads segments one after the other, in order, and the rest on finish', async () => {
    const loaded: Array<{ text: string; repeat: boolean }> = [];
    let running = 0;
    const stage = new SegmentedStage(async (chunks, repeat) => {
      expect(++running).toBe(1);
      await new Promise((r) => setTimeout(r, 5));
      loaded.push({ text: Buffer.concat(chunks).toString(), repeat });
      running--;
    }, 2);
    for (const line of ['a\n', 'b\n', 'c\n', 'd\n', 'e\n']) {
      if (line === 'c\n') stage.keys.add(['x'], [0]);
      if (line === 'd\n') stage.keys.add(['x'], [0]);
      const wait = stage.add(line);
      if (wait) await wait;
    }
    await stage.finish();
    expect(loaded).toEqual([
      { text: 'a\nb\n', repeat: false },
      { text: 'c\nd\n', repeat: true },
      { text: 'e\n', repeat: false },
    ]);
  });

  it('cuts encoded batches at exact row counts, whatever the batch sizes', async () => {
    const loaded: Array<{ text: string; repeat: boolean }> = [];
    const stage = new SegmentedStage(async (chunks, repeat) => {
      loaded.push({ text: Buffer.concat(chunks).toString(), repeat });
    }, 3);
    const batch = (lines: string[], hashes: number[]): Promise<void> => stage.addEncoded(new TextEncoder().encode(lines.join('')), lines.length, Float64Array.from(hashes));
    await batch(['a\tx\\ny\n', 'b\n'], [1, 2]);
    await batch(['c\n', 'd\n', 'e\n', 'f\n', 'g\n'], [3, 4, 4, 6, 7]);
    await batch([], []);
    await stage.finish();
    expect(loaded).toEqual([
      { text: 'a\tx\\ny\nb\nc\n', repeat: false },
      { text: 'd\ne\nf\n', repeat: true },
      { text: 'g\n', repeat: false },
    ]);
  });

  it('surfaces a failed load', async () => {
    const stage = new SegmentedStage(() => Promise.reject(new Error('db down')), 1);
    await stage.add('a\n');
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
    expect(copyNewSql(DATASETS.get('payroll')!)).toMatch(/^COPY "payroll" \(.*"paid_via", last_import_id\) FROM STDIN$/);
    expect(copyStageSql(DATASETS.get('payroll')!)).toMatch(/^COPY ingest_stage \(.*"paid_via", last_import_id\) FROM STDIN$/);
  });
});
