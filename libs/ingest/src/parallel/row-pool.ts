import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { EncodedBatch } from '../merge/row-encoder';
import { CsvChunk } from '../reading/csv-chunks';
import { FileProblem } from '../reading/file-problem';
import { ChunkReply, ChunkTask, RowWorkerSetup } from './messages';

/** Chunks queued per thread: enough to keep it busy while the import's thread collects, few enough to bound memory. */
const IN_FLIGHT_PER_THREAD = 2;

/**
 * Worker threads of one import that parse, check, seal and encode its CSV chunks, so
 * that every core works while PostgreSQL loads the segments. Chunks go round-robin
 * (their bytes transferred, not copied); results come back as promises the caller
 * awaits in file order, which keeps row errors, the row limit and segment order
 * exactly as with one thread. Closed by the import's `finally`: no thread outlives
 * its import.
 */
export class RowPool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve(b: EncodedBatch): void; reject(e: Error): void }>();
  private nextId = 0;
  private broken: Error | undefined;

  constructor(threads: number, setup: RowWorkerSetup) {
    const file = join(__dirname, `row-worker${extname(__filename)}`);
    // From source (tests, benchmarks) the thread needs the TypeScript loader; compiled code does not.
    const execArgv = file.endsWith('.ts') ? ['--require', '@swc-node/register'] : [];
    this.workers = Array.from({ length: threads }, () => {
      const worker = new Worker(file, { workerData: setup, execArgv, resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16 } });
      worker.on('message', (reply: ChunkReply) => this.settle(reply));
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => this.fail(new Error(`an import worker thread exited (code ${code})`)));
      return worker;
    });
  }

  /** Chunks that may be in flight before the caller should wait for the oldest. */
  get depth(): number {
    return this.workers.length * IN_FLIGHT_PER_THREAD;
  }

  /** Sends a chunk (its bytes are transferred: the caller must not use them again). */
  run(chunk: CsvChunk): Promise<EncodedBatch> {
    if (this.broken) return Promise.reject(this.broken);
    const id = this.nextId++;
    const worker = this.workers[id % this.workers.length];
    const done = new Promise<EncodedBatch>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    const task: ChunkTask = { id, chunk };
    worker.postMessage(task, [chunk.bytes.buffer as ArrayBuffer]);
    return done;
  }

  /** Stops every thread (pending chunks are rejected). */
  async close(): Promise<void> {
    this.broken ??= new Error('the import worker threads were closed');
    await Promise.all(this.workers.map((w) => w.terminate()));
    for (const [id, w] of this.waiting) {
      this.waiting.delete(id);
      w.reject(this.broken);
    }
  }

  private settle(reply: ChunkReply): void {
    const w = this.waiting.get(reply.id);
    if (!w) return;
    this.waiting.delete(reply.id);
    if ('batch' in reply) w.resolve(reply.batch);
    else if ('problem' in reply) w.reject(new FileProblem(reply.problem));
    else w.reject(new Error(`an import worker thread failed: ${reply.failure}`));
  }

  /** A thread died: every pending chunk fails (the import fails and is retried as a server problem). */
  private fail(error: Error): void {
    if (this.broken) return; // closing
    this.broken = error;
    for (const [id, w] of this.waiting) {
      this.waiting.delete(id);
      w.reject(error);
    }
  }
}
