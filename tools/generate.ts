/**
 * npm run generate -- --projects N --out DIR [--seed S] [--problem-share 0.3] [--months 12]
 *   [--as-of YYYY-MM-DD] [--workers-per-project 40] [--format csv|xlsx|json]
 *   [--chinese-headers] [--chinese-values] [--encoding utf8|utf8-bom|gb18030]
 */
import { OutputEncoding, OutputFormat, VARIANT_IDS, writeDataset, WriteOptions } from '@wage/generator';

const USAGE = `usage: npm run generate -- --projects N --out DIR [--seed S] [--problem-share 0.3] [--months 12]
       [--as-of YYYY-MM-DD] [--workers-per-project 40] [--format csv|xlsx|json]
       [--chinese-headers] [--chinese-values] [--encoding utf8|utf8-bom|gb18030]`;

const FLAGS = new Set(['chinese-headers', 'chinese-values', 'help']);

function parseArgs(argv: string[]): Map<string, string> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument "${a}"`);
    const [key, inline] = a.slice(2).split('=', 2);
    if (FLAGS.has(key)) args.set(key, 'true');
    else if (inline !== undefined) args.set(key, inline);
    else if (i + 1 < argv.length) args.set(key, argv[++i]);
    else throw new Error(`--${key} needs a value`);
  }
  return args;
}

function num(args: Map<string, string>, key: string): number | undefined {
  const v = args.get(key);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${key} must be a number, got "${v}"`);
  return n;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const known = ['projects', 'out', 'seed', 'problem-share', 'months', 'as-of', 'workers-per-project', 'format', 'encoding', ...FLAGS];
  for (const k of args.keys()) if (!known.includes(k)) throw new Error(`unknown option --${k}`);
  if (args.has('help') || !args.has('projects') || !args.has('out')) {
    console.log(USAGE);
    process.exitCode = args.has('help') ? 0 : 2;
    return;
  }
  const format = (args.get('format') ?? 'csv') as OutputFormat;
  if (!['csv', 'xlsx', 'json'].includes(format)) throw new Error('--format must be csv, xlsx or json');
  const encoding = (args.get('encoding') ?? 'utf8') as OutputEncoding;
  if (!['utf8', 'utf8-bom', 'gb18030'].includes(encoding)) throw new Error('--encoding must be utf8, utf8-bom or gb18030');
  const options: WriteOptions = {
    projects: num(args, 'projects') ?? 0,
    seed: num(args, 'seed'),
    problemShare: num(args, 'problem-share'),
    months: num(args, 'months'),
    asOf: args.get('as-of'),
    workersPerProject: num(args, 'workers-per-project'),
    format,
    encoding,
    chineseHeaders: args.has('chinese-headers'),
    chineseValues: args.has('chinese-values'),
  };
  const started = process.hrtime.bigint();
  const { dir, manifest } = await writeDataset(args.get('out') as string, options);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  let total = 0;
  console.log(`wrote ${dir} (as of ${manifest.asOf}, assessed period ${manifest.period})`);
  for (const f of Object.values(manifest.files)) {
    total += f.rows;
    console.log(`  ${f.file.padEnd(30)} ${String(f.rows).padStart(10)} rows`);
  }
  console.log(`  manifest.json: ${manifest.problems.length} problem projects, ${manifest.expectedAlerts.total} expected alerts`);
  if (manifest.problems.length < VARIANT_IDS.length && manifest.options.problemShare !== 0) {
    console.warn(`  note: ${manifest.problems.length} problem projects cover only some of the ${VARIANT_IDS.length} problem kinds; use --projects ${VARIANT_IDS.length} or more for all`);
  }
  if (manifest.unexpected.length > 0) console.warn(`  WARNING: ${manifest.unexpected.length} healthy projects would raise alerts`);
  const rss = Math.round(process.memoryUsage().rss / 1024 / 1024);
  console.log(`${total} rows in ${seconds.toFixed(1)} s (${Math.round(total / seconds)} rows/s, payroll ${manifest.files.payroll.rows} rows), RSS ${rss} MB`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
