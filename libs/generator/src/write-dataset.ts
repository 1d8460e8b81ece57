import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { datasetRows, isProjectDataset, leadingRows, projectPlans, trailingRows } from './generate';
import { Manifest, ManifestBuilder } from './manifest';
import { GeneratorOptions, OutputOptions, resolveOptions } from './options';
import { planRows } from './plan-rows';
import { cellsOf, DATASET_NAMES, DatasetName, headerOf, Row } from './schema';
import { openSink, RowSink, XLSX_MAX_ROWS } from './sinks';

export type WriteOptions = GeneratorOptions & OutputOptions;

export interface WriteResult {
  dir: string;
  manifest: Manifest;
  /** Dataset → absolute file path. */
  files: Record<DatasetName, string>;
}

/**
 * Writes one file per dataset plus manifest.json into `dir` in a single pass over the
 * projects: every file is open at once and each project's rows go straight to disk.
 */
export async function writeDataset(dir: string, options: WriteOptions): Promise<WriteResult> {
  const ctx = resolveOptions(options);
  const format = options.format ?? 'csv';
  const encoding = format === 'csv' ? (options.encoding ?? 'utf8') : 'utf8';
  const chineseHeaders = format !== 'json' && (options.chineseHeaders ?? false);
  const chineseValues = options.chineseValues ?? false;
  await mkdir(dir, { recursive: true });

  const files = {} as Record<DatasetName, string>;
  const sinks = {} as Record<DatasetName, RowSink>;
  const fixedDate = new Date(`${ctx.asOf}T00:00:00Z`);
  for (const name of DATASET_NAMES) {
    files[name] = join(dir, `${name}.${format}`);
    sinks[name] = openSink(files[name], format, encoding, headerOf(name, chineseHeaders), name, fixedDate);
  }
  const put = async (name: DatasetName, rows: Iterable<Row>): Promise<void> => {
    const sink = sinks[name];
    for (const row of rows) {
      const wait = sink.write(cellsOf(name, row, chineseValues));
      if (wait) await wait;
    }
  };

  const manifest = new ManifestBuilder(ctx);
  for (const name of DATASET_NAMES) {
    if (isProjectDataset(name)) await put(name, leadingRows(ctx, name));
    else await put(name, datasetRows(ctx, name));
  }
  for (const plan of projectPlans(ctx)) {
    manifest.add(plan);
    const rows = planRows(plan);
    for (const name of DATASET_NAMES) if (isProjectDataset(name)) await put(name, rows[name]);
  }
  for (const name of DATASET_NAMES) if (isProjectDataset(name)) await put(name, trailingRows(ctx, name));
  for (const name of DATASET_NAMES) await sinks[name].close();

  const fileInfo: Manifest['files'] = {};
  for (const name of DATASET_NAMES) {
    fileInfo[name] = { file: `${name}.${format}`, rows: sinks[name].rows };
    if (format === 'xlsx' && sinks[name].rows > XLSX_MAX_ROWS) {
      throw new Error(`${name} has ${sinks[name].rows} rows, more than one worksheet holds; use --format csv`);
    }
  }
  const built = manifest.build(
    { projects: ctx.projects, seed: ctx.seed, problemShare: ctx.problemShare, months: ctx.months, asOf: ctx.asOf, workersPerProject: ctx.workersPerProject, format, encoding, chineseHeaders, chineseValues },
    fileInfo,
  );
  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(built, null, 2)}\n`);
  return { dir, manifest: built, files };
}
