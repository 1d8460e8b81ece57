import { DataSource } from 'typeorm';
import { shanghaiDate } from '@wage/calendar';
import { Clock } from '@wage/workflow';
import { adminHeaders } from './auth';
import { uploadJson, waitForImport } from './ingest';
import { TestApp } from './test-app';

export interface ClueFixture {
  clue_id: string;
  received_on?: string;
  source?: string;
  region_code: string;
  project_code?: string;
  workers_involved?: string;
  amount_claimed?: string;
  summary?: string;
}

/** Today in Asia/Shanghai by the workflow clock. */
export const today = (t: TestApp): string => shanghaiDate(t.app.get(Clock).now());

/**
 * Imports clues through the API as an admin would, then waits until intake has routed
 * every case (the import queues a `clue.intake` job when it finishes).
 */
export async function importClues(t: TestApp, clues: ClueFixture[]): Promise<void> {
  const headers = await adminHeaders(t);
  const rows = clues.map((c) => ({ received_on: today(t), source: 'national_platform', workers_involved: '3', ...c }));
  const up = await uploadJson(t, headers, 'clues', rows);
  if (up.status !== 202) throw new Error(`upload clues: ${up.status} ${JSON.stringify(up.body)}`);
  const done = await waitForImport(t, headers, up.body.id);
  if (done.status !== 'succeeded') throw new Error(`clue import ${done.status}: ${JSON.stringify(done.errors)}`);
  const db = t.app.get(DataSource);
  const ids = clues.map((c) => c.clue_id);
  const end = Date.now() + 15_000;
  for (;;) {
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM clue_cases WHERE clue_id = ANY($1) AND needs_intake', [ids]);
    if (n === 0) return;
    if (Date.now() > end) throw new Error(`${n} clue case(s) not routed after 15 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
