import { type ImportedCandleBatch, insertImportedCandles } from "../../db/queries/imported-candles";
import type { Tx } from "../../db/types";
import type { ImportedKline } from "@/domain/klines/parse-kline";

export interface ChunkCounts {
  offered: number;
  inserted: number;
  differing: number;
}

/**
 * Writes an import's chunks with at most one insert in flight: the next chunk is parsed while
 * the database writes the previous one, and memory holds at most two chunks. Inserts still run
 * one after another, in file order, on the import's one transaction.
 */
export function createChunkWriter(
  tx: Tx,
  target: Omit<ImportedCandleBatch, "candles">,
  onWritten: (counts: ChunkCounts) => void,
) {
  let inFlight: Promise<void> | null = null;

  return {
    async write(candles: readonly ImportedKline[]): Promise<void> {
      await inFlight;
      const writing = insertImportedCandles(tx, { ...target, candles }).then((counts) =>
        onWritten({ offered: candles.length, ...counts }),
      );
      // Awaited by the next write or by finish; this only keeps Node from calling it unhandled meanwhile.
      writing.catch(() => {});
      inFlight = writing;
    },
    /** Waits for the last insert; throws its error, if any. */
    async finish(): Promise<void> {
      const last = inFlight;
      inFlight = null;
      await last;
    },
    /** After another failure: lets the last insert end (before the transaction does), ignoring its outcome. */
    async abandon(): Promise<void> {
      await inFlight?.catch(() => {});
      inFlight = null;
    },
  };
}
