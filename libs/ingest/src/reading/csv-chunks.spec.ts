import { parse } from 'csv-parse/sync';
import { ImportLimits } from '../import-limits';
import { chunkRecords, CsvChunk, parseCsvChunk, RecordSplitter } from './csv-chunks';
import { FileProblem } from './file-problem';

const limits = new ImportLimits();

/** Splits bytes (fed in pieces of `piece` bytes) into chunks of about `chunkBytes`, then parses each. */
function viaChunks(bytes: Buffer, piece: number, chunkBytes: number): { chunks: CsvChunk[]; records: Array<{ row: number; cells: string[] }> } {
  const splitter = new RecordSplitter(limits.maxRecordChars, chunkBytes);
  const chunks: CsvChunk[] = [];
  for (let at = 0; at < bytes.length; at += piece) chunks.push(...splitter.push(bytes.subarray(at, at + piece)));
  chunks.push(...splitter.end());
  return { chunks, records: chunks.flatMap((c) => parseCsvChunk(c, limits)) };
}

/** Deterministic pseudo-random numbers. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function randomCsv(seed: number, eol: string): string {
  const rnd = prng(seed);
  const cell = (): string => {
    const f = rnd();
    if (f < 0.1) return '';
    if (f < 0.2) return `"a,b${eol}c ""q"" 工"`; // quoted: delimiter, line end and doubled quote inside
    if (f < 0.25) return '"12,345.60"';
    return ['P1', '420113199001011234', '2025-01', '5800.00', '工人甲', 'x\ty'][Math.floor(rnd() * 6)];
  };
  const lines: string[] = [];
  for (let r = 0; r < 400; r++) lines.push(rnd() < 0.05 ? '' : Array.from({ length: 1 + Math.floor(rnd() * 6) }, cell).join(','));
  return lines.join(eol) + (rnd() < 0.5 ? eol : '');
}

describe('CSV chunks', () => {
  it.each([
    ['LF', '\n', 1],
    ['CRLF', '\r\n', 2],
    ['CR', '\r', 3],
    ['LF, tiny pieces', '\n', 4],
  ])('give the same records and row numbers as one csv-parse of the whole file (%s)', (_name, eol, seed) => {
    const csv = randomCsv(seed, eol);
    const whole = parse(csv, { relax_column_count: true, skip_empty_lines: false }) as string[][];
    for (const [piece, chunkBytes] of [
      [seed === 4 ? 7 : 1000, 300],
      [64 * 1024, 512 * 1024],
      [1, 1],
    ]) {
      const { chunks, records } = viaChunks(Buffer.from(csv), piece, chunkBytes);
      expect(records.map((r) => r.cells)).toEqual(whole);
      expect(records.map((r) => r.row)).toEqual(whole.map((_, i) => i + 1));
      if (chunkBytes === 300) expect(chunks.length).toBeGreaterThan(5);
    }
  });

  it('drops the BOM at the start only, and counts blank lines as rows', () => {
    const { records } = viaChunks(Buffer.from('\uFEFFa,b\n\n1,2\n'), 2, 1);
    expect(records).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: [''] },
      { row: 3, cells: ['1', '2'] },
    ]);
  });

  it('keeps a bare LF of a CRLF file inside the record, as csv-parse does', () => {
    const { records } = viaChunks(Buffer.from('a,b\r\nx\ny,z\r\n1,2\r\n'), 3, 1);
    expect(records.map((r) => r.cells)).toEqual([['a', 'b'], ['x\ny', 'z'], ['1', '2']]);
  });

  it('names the row of a record over the limit, with or without quotes', () => {
    const small = { ...limits, maxRecordChars: 20 };
    const long = (quoted: boolean): CsvChunk => {
      const splitter = new RecordSplitter(small.maxRecordChars, 1024);
      const text = `a,b\n1,2\n${quoted ? '"' : ''}${'x'.repeat(30)}${quoted ? '"' : ''},3\n`;
      return [...splitter.push(Buffer.from(text)), ...splitter.end()][0];
    };
    for (const quoted of [false, true]) {
      expect(() => parseCsvChunk(long(quoted), small)).toThrow(new FileProblem('Row 3 is longer than the limit of 20 characters per row (is a closing quote " missing?)'));
    }
  });

  it('stops an unclosed quote long before it swallows the file', () => {
    const splitter = new RecordSplitter(100, 1024);
    const run = (): CsvChunk[] => [...splitter.push(Buffer.from('a,b\n"open,' + 'x\n'.repeat(1000)))];
    expect(run).toThrow(/Row 2 is longer than the limit of 100 characters per row/);
  });

  /** Every record of chunkRecords' list, read the way the encoder reads it, or the error it throws. */
  const lazily = (chunk: CsvChunk, l: Pick<ImportLimits, 'maxRecordChars' | 'maxCellChars' | 'maxColumns'>): unknown => {
    try {
      const list = chunkRecords(chunk, l);
      return Array.from({ length: list.length }, (_, i) => ({ row: list.row(i), cells: list.cells(i) }));
    } catch (error) {
      return error;
    }
  };
  const eagerly = (chunk: CsvChunk, l: Pick<ImportLimits, 'maxRecordChars' | 'maxCellChars' | 'maxColumns'>): unknown => {
    try {
      return parseCsvChunk(chunk, l);
    } catch (error) {
      return error;
    }
  };

  it('splits a chunk row by row into what parseCsvChunk gives, and breaks a limit with its error', () => {
    const plain = (seed: number): string => {
      const rnd = prng(seed);
      return Array.from({ length: 300 }, () => Array.from({ length: 1 + Math.floor(rnd() * 5) }, () => 'x'.repeat(Math.floor(rnd() * 12))).join(',')).join('\n') + '\n';
    };
    const strict = [
      limits,
      { ...limits, maxCellChars: 9 },
      { ...limits, maxColumns: 4 },
      { ...limits, maxRecordChars: 40 },
      { ...limits, maxRecordChars: 200, maxCellChars: 5, maxColumns: 3 },
    ];
    let broken = 0;
    for (const [seed, text] of [[1, plain(1)], [2, plain(2)], [3, randomCsv(3, '\n')], [4, 'a,b\r\nx\ny,z\r\n1,2\r\n']] as const) {
      const { chunks } = viaChunks(Buffer.from(text), 4096, seed % 2 ? 300 : 64 * 1024);
      for (const l of strict) {
        for (const chunk of chunks) {
          const expected = eagerly(chunk, l);
          if (expected instanceof FileProblem) broken++;
          expect(lazily(chunk, l)).toEqual(expected);
        }
      }
    }
    expect(broken).toBeGreaterThan(10); // the strict limits do break chunks
  });

  it('checks the whole chunk when one row breaks a limit: the first row in the eager order is named', () => {
    // Row 2 has too many cells, row 3 is too long: parseCsvChunk names row 3 (the length is checked first), so must the lazy list.
    const splitter = new RecordSplitter(30, 1024);
    const [chunk] = [...splitter.push(Buffer.from(`a,b\n1,2,3,4,5\n${'y'.repeat(40)}\n`)), ...splitter.end()];
    const l = { ...limits, maxRecordChars: 30, maxColumns: 4 };
    expect(eagerly(chunk, l)).toEqual(new FileProblem('Row 3 is longer than the limit of 30 characters per row (is a closing quote " missing?)'));
    expect(lazily(chunk, l)).toEqual(eagerly(chunk, l));
  });
});
