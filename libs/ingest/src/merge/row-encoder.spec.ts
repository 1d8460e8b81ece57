import { randomBytes } from 'node:crypto';
import { PiiCipher } from '@wage/crypto/pure';
import { idNumberCheckChar } from '@wage/datasets/pure';
import { DATASETS } from '../datasets/registry';
import { RecordList, recordList } from '../reading/record-list';
import { mapHeader } from '../validation/row-validator';
import { PiiSealer } from './pii-sealer';
import { EncodedBatch, RowEncoder } from './row-encoder';

const spec = DATASETS.get('attendance')!;
const HEADER = ['project_code', 'id_number', 'period', 'days_worked'];

const idNumber = (n: number): string => {
  const first17 = `420113199001${String((n % 28) + 1).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
};

/** Attendance rows of two projects; every 97th row has 40 days, every 131st an unknown project. */
function records(n: number): RecordList {
  return recordList(Array.from({ length: n }, (_, i) => ({
    row: i + 2,
    cells: [i % 131 === 0 ? 'NOPE' : `P${i % 2}`, idNumber(Math.floor(i / 3)), `2025-${String((i % 3) + 1).padStart(2, '0')}`, String(i % 97 === 0 ? 40 : 20)],
  })));
}

/** One sealer for both encoders: its cache then gives equal values the same ciphertext. */
function encoders(): [RowEncoder, RowEncoder] {
  const sealer = new PiiSealer(new PiiCipher(randomBytes(32).toString('base64')));
  const ctx = { spec, mapping: mapHeader(spec, HEADER), importId: 7, sealer, knownProjects: new Set(['P0', 'P1']) };
  return [new RowEncoder(ctx), new RowEncoder(ctx)];
}

/** Counts the turns of the event loop while `run` is pending. */
async function turnsDuring<T>(run: () => Promise<T>): Promise<[T, number]> {
  let turns = 0;
  let counting = true;
  const tick = (): void => {
    if (!counting) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  const result = await run();
  counting = false;
  return [result, turns];
}

const plain = (b: EncodedBatch): unknown => ({ ...b, copy: Buffer.from(b.copy).toString('hex'), rowEnds: [...b.rowEnds], keyHashes: [...b.keyHashes] });

describe('RowEncoder.encodeInTurns', () => {
  const rows = records(2_500);

  it('encodes the same bytes, row ends, key hashes and errors as one synchronous batch', async () => {
    const [once, inTurns] = encoders();
    const expected = once.encode(rows);
    expect(expected.rejected).toBeGreaterThan(40); // the bad rows are there
    const [batch, turns] = await turnsDuring(() => inTurns.encodeInTurns(rows, 500));
    expect(plain(batch)).toEqual(plain(expected));
    expect(turns).toBeGreaterThanOrEqual(4); // 2,500 rows, a turn after every 500
  });

  it('gives the event loop no turn with rowsPerTurn 0 or a batch within it', async () => {
    const [a, b] = encoders();
    expect((await turnsDuring(() => a.encodeInTurns(rows, 0)))[1]).toBe(0);
    expect((await turnsDuring(() => b.encodeInTurns(rows, 2_500)))[1]).toBe(0);
  });
});
