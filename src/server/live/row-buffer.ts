import type { LoggedEvent } from "./topic-log";

/**
 * The recent rows of one topic that a feed keeps for its streams: every row in (floor, head],
 * at most `capacity` of them. A stream whose cursor is below the floor reads the log itself.
 */
export interface RowBuffer {
  /** Empties the buffer; rows up to seq are taken as seen. */
  startAt(seq: bigint): void;
  /** Appends rows newer than any held, dropping the oldest beyond capacity. */
  keep(rows: readonly LoggedEvent[]): void;
  /** Rows with seq > afterSeq (at most limit), or "behind" when the buffer does not reach back to it. */
  take(afterSeq: bigint, limit: number): LoggedEvent[] | "behind";
  floorSeq(): bigint;
  clear(): void;
}

export function createRowBuffer(capacity: number): RowBuffer {
  const rows: LoggedEvent[] = [];
  let floor = 0n;
  return {
    startAt(seq) {
      rows.length = 0;
      floor = seq;
    },
    keep(fresh) {
      rows.push(...fresh);
      const overflow = rows.length - capacity;
      if (overflow > 0) floor = rows.splice(0, overflow).at(-1)?.seq ?? floor;
    },
    take(afterSeq, limit) {
      if (afterSeq < floor) return "behind";
      let start = rows.length;
      // Usually the reader is near the end; search from there.
      while (start > 0 && (rows[start - 1]?.seq ?? 0n) > afterSeq) start--;
      return rows.slice(start, start + limit);
    },
    floorSeq: () => floor,
    clear() {
      rows.length = 0;
    },
  };
}
