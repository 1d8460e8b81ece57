import { parentPort, workerData } from 'node:worker_threads';
// The cipher without '@wage/crypto''s Nest module and config: the thread starts light.
import { PiiCipher } from '@wage/crypto/pure';
import { DATASETS } from '../datasets/registry';
import { PiiSealer } from '../merge/pii-sealer';
import { RowEncoder } from '../merge/row-encoder';
import { chunkRecords } from '../reading/csv-chunks';
import { FileProblem } from '../reading/file-problem';
import { mapHeader } from '../validation/row-validator';
import { ChunkReply, ChunkTask, RowWorkerSetup } from './messages';

/**
 * A worker thread of an import: parses, checks, seals and encodes CSV chunks it is
 * sent, and sends the COPY bytes back (transferred, not copied). It keeps no state
 * between chunks but its seal cache.
 */
const setup = workerData as RowWorkerSetup;
const spec = DATASETS.get(setup.dataset);
if (!spec || !parentPort) throw new Error(`row worker started without a dataset or a parent (${setup.dataset})`);
const port = parentPort;
const encoder = new RowEncoder({
  spec,
  mapping: mapHeader(spec, setup.header),
  importId: setup.importId,
  sealer: new PiiSealer(new PiiCipher(setup.cipherKey)),
  knownProjects: new Set(setup.knownProjects),
});

port.on('message', (task: ChunkTask) => {
  let reply: ChunkReply;
  try {
    const batch = encoder.encode(chunkRecords(task.chunk, setup.limits));
    reply = { id: task.id, batch };
    port.postMessage(reply, [batch.copy.buffer as ArrayBuffer, batch.rowEnds.buffer as ArrayBuffer, batch.keyHashes.buffer as ArrayBuffer]);
  } catch (error) {
    reply = error instanceof FileProblem ? { id: task.id, problem: error.message } : { id: task.id, failure: (error as Error).stack ?? String(error) };
    port.postMessage(reply);
  }
});
