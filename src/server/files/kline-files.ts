import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import yauzl from "yauzl";
import { KlineFileError } from "@/domain/klines/issues";

/** Bytes read from disk at a time: large enough that a year of 1m candles is a few hundred reads. */
const READ_CHUNK_BYTES = 256 * 1024;
/** Binance's archives hold one file; this only stops a hostile archive from being listed at length. */
const MAX_ZIP_ENTRIES = 100;
const ZIP_MAGIC = Buffer.from([0x50, 0x4b]); // "PK": local file header or end of an empty archive

export interface KlineFile {
  /** The file's own name (no folders). */
  name: string;
  /** The file inside a zip archive, or null for a plain file. */
  entry: string | null;
  /** Bytes `chunks` will yield (for a zip: the entry's uncompressed size), for progress. */
  totalBytes: number;
  chunks: AsyncIterable<Uint8Array>;
  /** Releases the file early (after an error); reading to the end releases it too. */
  close(): void;
}

async function isZip(filePath: string): Promise<boolean> {
  const handle = await open(filePath, "r");
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head.equals(ZIP_MAGIC);
  } finally {
    await handle.close();
  }
}

/**
 * A stream works from the moment it is opened (a zip entry is inflated at once), so it can fail
 * before anyone reads: keep the failure on the stream (destroyed with it) for the reader to meet,
 * rather than let an 'error' event with no listener end the process.
 */
function keepFailures<T extends Readable>(stream: T): T {
  stream.on("error", (error) => stream.destroy(error));
  return stream;
}

/** The entry's bytes; a damaged archive (bad data, wrong checksum or size) is a file issue, refusing the file. */
async function* inflated(stream: Readable): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch {
    throw new KlineFileError("KLINE_ZIP_UNREADABLE", 0);
  }
}

/**
 * Opens a kline file for streaming: a plain CSV or JSON file, or a zip archive holding exactly
 * one (Binance publishes one CSV per .zip). A zip is recognised by its first bytes, not its name.
 * A zip's central directory is at its end, so it is read from the file, not from a stream.
 */
export async function openKlineFile(filePath: string): Promise<KlineFile> {
  const name = path.basename(filePath);
  if (!(await isZip(filePath))) {
    const stream = keepFailures(createReadStream(filePath, { highWaterMark: READ_CHUNK_BYTES }));
    return { name, entry: null, totalBytes: (await stat(filePath)).size, chunks: stream, close: () => stream.destroy() };
  }
  const zip = await yauzl
    .openPromise(filePath, { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true })
    .catch(() => {
      throw new KlineFileError("KLINE_ZIP_UNREADABLE", 0);
    });
  try {
    if (zip.entryCount > MAX_ZIP_ENTRIES) throw new KlineFileError("KLINE_ZIP_NOT_ONE_FILE", 0);
    const files: yauzl.Entry[] = [];
    for await (const entry of zip.eachEntry()) if (!entry.fileName.endsWith("/")) files.push(entry);
    const [only] = files;
    if (!only || files.length !== 1) throw new KlineFileError("KLINE_ZIP_NOT_ONE_FILE", 0);
    const stream: Readable = await zip.openReadStreamPromise(only);
    keepFailures(stream);
    // The archive's descriptor stays open while the entry's stream reads from it.
    stream.once("close", () => zip.close());
    const close = () => {
      stream.destroy();
      zip.close();
    };
    return { name, entry: only.fileName, totalBytes: only.uncompressedSize, chunks: inflated(stream), close };
  } catch (error) {
    zip.close();
    throw error;
  }
}
