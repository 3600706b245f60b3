import type { Db, Tx } from "../../db/types";
import type { CandleInterval } from "@/domain/candles";
import type { BadRow, ImportReport } from "@/domain/klines/import-report";
import { KlineFileError } from "@/domain/klines/issues";
import { createKlineStream, type KlineOutcome } from "@/domain/klines/kline-stream";
import type { ImportedKline } from "@/domain/klines/parse-kline";
import { defaultSourceLabel, MAX_SOURCE_CHARS } from "@/domain/klines/source-label";
import type { PriceRounding } from "@/domain/klines/values";
export type { BadRow, ImportReport } from "@/domain/klines/import-report";
import { requireMarket } from "../markets/market-data";
import { createChunkWriter } from "./chunk-writer";

/** Rows per insert: one statement of 10 array parameters, about 400 kB of text; measured faster than 2,000 or 500. */
export const DEFAULT_CHUNK_ROWS = 5_000;
/**
 * Text parsed between two yields to the event loop: about 250 rows, a few milliseconds. An upload
 * imports inside the server, where order entry shares the thread; parsing a whole read (2,000
 * rows) at once made each order wait behind it at every await (measured: p99 0.6 s; see
 * BENCHMARKS.md, "Import beside order entry").
 */
const SLICE_CHARS = 16 * 1024;
/** setTimeout, not a microtask: only a macrotask lets waiting I/O callbacks run first. */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));
/** A file of garbage could have millions of bad rows; the report lists this many and counts the rest. */
export const MAX_LISTED_BAD_ROWS = 1_000;

export interface ImportKlinesOptions {
  market: string;
  interval: CandleInterval;
  /** Named in the report, and the default source label. */
  fileName: string;
  /** Label stored with every row; default from the file name (see source-label.ts). */
  source?: string;
  /** Write the valid rows and list the bad ones; otherwise one bad row refuses the whole file. */
  skipBad: boolean;
  priceRounding: PriceRounding;
  chunkRows?: number;
  onProgress?: (progress: { bytesRead: number; rows: number }) => void;
  /** Aborting rolls the import back: nothing of the file is written. */
  signal?: AbortSignal;
}

class Refused extends Error {}

/** What one import has counted so far; written only by `importInto`. */
type Tally = Omit<ImportReport, "fileName" | "source" | "market" | "interval" | "status" | "elapsedMs">;

/**
 * Imports one kline file (its bytes, streamed) into imported_candles, in ONE transaction so that
 * a refused file leaves nothing behind: rows are validated as they arrive and written in chunks
 * of `chunkRows`, so memory stays bounded whatever the file's length. The transaction takes no
 * market lock (see the table's comment), and is not retried: the bytes are gone by then, and
 * running the import again is safe because it is idempotent.
 */
export async function importKlines(
  db: Db,
  input: AsyncIterable<Uint8Array>,
  options: ImportKlinesOptions,
): Promise<ImportReport> {
  const started = performance.now();
  const market = await requireMarket(db, options.market);
  const source = (options.source ?? defaultSourceLabel(options.fileName)).slice(0, MAX_SOURCE_CHARS);
  const tally: Tally = {
    format: null,
    rows: 0,
    inserted: 0,
    duplicates: 0,
    differing: 0,
    bad: 0,
    badRows: [],
    bytesRead: 0,
    fileIssue: null,
  };
  let status: ImportReport["status"] = "imported";
  try {
    await db.transaction(async (tx) => {
      await importInto(
        tx,
        input,
        { ...options, source, baseScale: market.baseScale, quoteScale: market.quoteScale, priceTick: market.priceTick },
        tally,
      );
      if (tally.fileIssue || (tally.bad > 0 && !options.skipBad)) throw new Refused();
    });
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    status = "refused";
  }
  const written = status === "imported" ? {} : { inserted: 0, duplicates: 0, differing: 0 };
  return {
    fileName: options.fileName,
    source,
    market: market.symbol,
    interval: options.interval,
    status,
    ...tally,
    ...written,
    elapsedMs: performance.now() - started,
  };
}

type Plan = ImportKlinesOptions & { source: string; baseScale: number; quoteScale: number; priceTick: bigint };

async function importInto(tx: Tx, input: AsyncIterable<Uint8Array>, plan: Plan, tally: Tally): Promise<void> {
  const stream = createKlineStream(plan);
  const decoder = new TextDecoder();
  const chunkRows = plan.chunkRows ?? DEFAULT_CHUNK_ROWS;
  const writer = createChunkWriter(tx, { market: plan.market, interval: plan.interval, source: plan.source }, (counts) => {
    tally.inserted += counts.inserted;
    tally.duplicates += counts.offered - counts.inserted;
    tally.differing += counts.differing;
  });
  let pending: ImportedKline[] = [];

  const flush = async () => {
    // Once a strict import has a bad row it will be rolled back: writing more is wasted work.
    if (pending.length > 0 && (plan.skipBad || tally.bad === 0)) await writer.write(pending);
    pending = [];
  };
  const take = async (outcomes: KlineOutcome[]) => {
    for (const outcome of outcomes) {
      tally.rows += 1;
      if (outcome.kline) pending.push(outcome.kline);
      else countBad(tally, { line: outcome.line, row: outcome.row, ...outcome.issue });
      if (pending.length >= chunkRows) await flush();
    }
  };

  try {
    for await (const bytes of input) {
      plan.signal?.throwIfAborted();
      tally.bytesRead += bytes.byteLength;
      const text = decoder.decode(bytes, { stream: true });
      for (let at = 0; at < text.length; at += SLICE_CHARS) {
        await take(stream.feed(text.slice(at, at + SLICE_CHARS)));
        await yieldToOthers();
      }
      plan.onProgress?.({ bytesRead: tally.bytesRead, rows: tally.rows });
    }
    await take([...stream.feed(decoder.decode()), ...stream.end()]);
    await flush();
    await writer.finish();
  } catch (error) {
    await writer.abandon();
    if (!(error instanceof KlineFileError)) throw error;
    tally.fileIssue = { code: error.code, message: error.message, line: error.line };
  } finally {
    tally.format = stream.format();
  }
}

function countBad(tally: Tally, bad: BadRow): void {
  tally.bad += 1;
  if (tally.badRows.length < MAX_LISTED_BAD_ROWS) tally.badRows.push(bad);
}
