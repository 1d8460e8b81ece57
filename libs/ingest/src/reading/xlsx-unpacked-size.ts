import { Readable } from 'node:stream';
import yauzl, { Entry, ZipFile } from 'yauzl';
import { formatBytes } from '../import-limits';
import { FileProblem } from './file-problem';

const openZip = (path: string): Promise<ZipFile> =>
  new Promise((resolve, reject) => yauzl.open(path, { lazyEntries: true, autoClose: true }, (e, zip) => (e ? reject(e) : resolve(zip))));

const openEntry = (zip: ZipFile, entry: Entry): Promise<Readable> =>
  new Promise((resolve, reject) => zip.openReadStream(entry, (e, stream) => (e ? reject(e) : resolve(stream))));

function tooLarge(maxBytes: number): FileProblem {
  return new FileProblem(
    `The .xlsx file unpacks to more than the limit of ${formatBytes(maxBytes)} for Excel imports (an .xlsx is a zip archive); split the sheet into smaller files or save it as CSV`,
  );
}

/**
 * Refuses an .xlsx whose contents unpack beyond maxBytes before the workbook is
 * parsed: first by the sizes the archive declares, then by really inflating every
 * entry and counting (yauzl also refuses an entry that inflates to more than it
 * declared), so a zip bomb is stopped after maxBytes of work whatever its headers say.
 */
export async function checkXlsxUnpackedSize(path: string, maxBytes: number): Promise<void> {
  let zip: ZipFile;
  try {
    zip = await openZip(path);
  } catch (error) {
    throw new FileProblem(`The file could not be read as an Excel .xlsx workbook: ${(error as Error).message}`);
  }
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', resolve);
      zip.on('entry', (entry: Entry) => {
        total += entry.uncompressedSize;
        if (total > maxBytes) return reject(tooLarge(maxBytes));
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        openEntry(zip, entry)
          .then((stream) => {
            stream.resume();
            stream.on('error', reject);
            stream.on('end', () => zip.readEntry());
          })
          .catch(reject);
      });
      zip.readEntry();
    });
  } catch (error) {
    if (error instanceof FileProblem) throw error;
    throw new FileProblem(`The file could not be read as an Excel .xlsx workbook: ${(error as Error).message}`);
  } finally {
    zip.close();
  }
}
