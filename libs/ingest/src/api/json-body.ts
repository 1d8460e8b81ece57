import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BadRequestException, PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { Request } from 'express';
import { formatBytes } from '../import-limits';

/** A 413 that already names its limit (UploadLimitInterceptor leaves it as it is). */
export class JsonBodyTooLarge extends PayloadTooLargeException {
  constructor(maxBytes: number) {
    super(`The JSON body is larger than the limit of ${formatBytes(maxBytes)} (${maxBytes} bytes) for JSON imports; send larger data as a CSV file`);
  }
}

export const NOT_AN_ARRAY = 'Send the data as multipart/form-data with one "file" field (CSV or XLSX), or as a JSON array of objects';

/** The first byte that is not JSON whitespace (or undefined for an empty file). */
async function firstSignificantByte(path: string): Promise<number | undefined> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    let i = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    while (i < bytesRead && (buf[i] === 0x20 || buf[i] === 0x09 || buf[i] === 0x0a || buf[i] === 0x0d)) i++;
    return i < bytesRead ? buf[i] : undefined;
  } finally {
    await handle.close();
  }
}

/**
 * Streams a JSON request body to a file in dir, never holding it in memory, and
 * refuses one over maxBytes (413) or that is not an array (400). The worker parses it
 * as it would an uploaded .json file.
 */
export async function saveJsonBody(req: Request, dir: string, maxBytes: number): Promise<{ path: string; size: number }> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding !== 'identity') throw new UnsupportedMediaTypeException(`Content-Encoding ${encoding} is not supported for JSON imports; send the body uncompressed`);
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) throw new JsonBodyTooLarge(maxBytes);
  const path = join(dir, `${randomUUID()}.json`);
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      done(size > maxBytes ? new JsonBodyTooLarge(maxBytes) : null, chunk);
    },
  });
  try {
    await pipeline(req, counter, createWriteStream(path));
    if ((await firstSignificantByte(path)) !== 0x5b /* [ */) throw new BadRequestException(NOT_AN_ARRAY);
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return { path, size };
}
