import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import iconv from 'iconv-lite';
import { ImportLimits } from '../import-limits';
import { readRecords } from './records';
import { CsvTextDecoder } from './text-decoding';

/** Runs bytes through the decoder in chunks of the given size; returns text and decision. */
async function decode(bytes: Buffer, chunk = 16 * 1024): Promise<{ text: string; encoding: string }> {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) parts.push(bytes.subarray(i, i + chunk));
  const decoder = new CsvTextDecoder();
  const out = await buffer(Readable.from(parts).pipe(decoder));
  return { text: out.toString('utf8'), encoding: decoder.encoding };
}

const asciiRows = (bytes: number): string => {
  let s = 'project_code,txn_ref,paid_on,amount\n';
  for (let i = 0; s.length < bytes; i++) s += `P1,T${String(i).padStart(6, '0')},2025-01-01,1.00\n`;
  return s;
};

describe('CSV text decoding (UTF-8 or GB18030, decided on the first non-ASCII bytes)', () => {
  const chinese = 'P1,流水号甲,2025-01-02,2.00\nP1,工资卡乙,2025-01-03,3.00\n';

  it('reads a GBK file whose first 70 KB are ASCII as GB18030', async () => {
    const text = asciiRows(70 * 1024) + chinese;
    const r = await decode(iconv.encode(text, 'gbk'));
    expect(r.encoding).toBe('gb18030');
    expect(r.text).toBe(text);
  });

  it('reads the same text saved as UTF-8 (with and without BOM) unchanged', async () => {
    const text = asciiRows(70 * 1024) + chinese;
    expect(await decode(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'utf8' });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    expect((await decode(bom)).text).toBe('\uFEFF' + text);
  });

  it('keeps a character split across chunks, in both encodings', async () => {
    const text = 'a,' + '班组长'.repeat(5000) + '\n';
    expect((await decode(iconv.encode(text, 'gb18030'), 7)).text).toBe(text);
    expect((await decode(Buffer.from(text, 'utf8'), 7)).text).toBe(text);
  });

  it('passes an ASCII-only file through as UTF-8', async () => {
    const text = asciiRows(1000);
    expect(await decode(Buffer.from(text))).toEqual({ text, encoding: 'utf8' });
  });
});

describe('CSV text decoding: one encoding per file', () => {
  it('refuses a file that is UTF-8 at first and GBK later, instead of loading replacement characters', async () => {
    const head = Buffer.from('project_code,txn_ref\nP1,武汉鑫泰建设工程有限公司\n' + asciiRows(80 * 1024), 'utf8');
    const bytes = Buffer.concat([head, iconv.encode('P1,工资卡乙\n', 'gbk')]);
    await expect(decode(bytes)).rejects.toThrow(/not in one encoding: it starts as UTF-8 but later has bytes that are not UTF-8/);
  });
});

describe('reading a CSV file (decoder wired into the parser)', () => {
  it('fails a mixed-encoding file as a whole with the decoder\'s message', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'text-decoding-'));
    try {
      const path = join(dir, 'mixed.csv');
      await writeFile(path, Buffer.concat([Buffer.from('project_code,txn_ref\nP1,武汉鑫泰建设工程有限公司\n' + asciiRows(80 * 1024), 'utf8'), iconv.encode('P1,工资卡乙\n', 'gbk')]));
      const read = async (): Promise<number> => {
        let n = 0;
        for await (const batch of readRecords(path, 'csv', new ImportLimits())) n += batch.length;
        return n;
      };
      await expect(read()).rejects.toThrow(/not in one encoding/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
