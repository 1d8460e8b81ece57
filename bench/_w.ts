import { randomBytes } from 'node:crypto';
import { RowPool } from '../libs/ingest/src/parallel/row-pool';
import { RecordSplitter } from '../libs/ingest/src/reading/csv-chunks';
async function main() {
  const t0 = performance.now(); const c0 = process.cpuUsage();
  const pool = new RowPool(2, { dataset: 'payroll', header: ['project_code','id_number','period','payable_amount','paid_amount','paid_on','paid_via'], importId: 1, cipherKey: randomBytes(32).toString('base64'), knownProjects: ['P1'], limits: { maxRecordChars: 1e6, maxCellChars: 1e5, maxColumns: 256 } });
  const sp = new RecordSplitter(1e6, 10);
  const chunks = [...sp.push(Buffer.from('P1,420113199001011234,2025-01,1,1,2025-01-02,\n')), ...sp.end()];
  const r = await pool.run(chunks[0]);
  const c = process.cpuUsage(c0);
  console.log('first reply after', (performance.now() - t0).toFixed(0), 'ms; cpu', ((c.user + c.system) / 1000).toFixed(0), 'ms', r.rows, r.errors);
  await pool.close();
}
main();
