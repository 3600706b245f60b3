import { deleteEventsThrough, eventSeqBounds, lastSeqBefore, tryPruneLock } from "../../db/queries/event-log";
import type { Db } from "../../db/types";
import { logger } from "../../logger";
import { processSlot } from "../../process-slot";

const HOUR_MS = 60 * 60_000;
/** Rows per delete transaction: short transactions, no long lock on the table. */
const PRUNE_BATCH = 5_000;
/** Batches per run; a larger backlog is finished by the next runs. */
const MAX_BATCHES_PER_RUN = 100;
// Several instances run the pruner; one at a time does the work (two-key advisory lock space).
const PRUNE_LOCK: [number, number] = [0x4556, 0x5052];

export interface PruneResult {
  deleted: number;
  /** Events with seq <= this are gone (null: nothing was old enough). */
  throughSeq: bigint | null;
  /** The oldest retained seq now: a client cursor below oldest - 1 gets a fresh snapshot. */
  oldestSeq: bigint | null;
}

/**
 * Deletes events older than the retention window. It deletes by seq, up to the newest event
 * written before the cutoff, oldest first: what remains is always "every event after some seq",
 * so a stream can tell from the oldest seq alone whether a cursor can still be resumed.
 */
export async function pruneExpiredEvents(
  db: Db,
  { retentionHours, nowMs = Date.now() }: { retentionHours: number; nowMs?: number },
): Promise<PruneResult> {
  const throughSeq = await lastSeqBefore(db, new Date(nowMs - retentionHours * HOUR_MS));
  let deleted = 0;
  if (throughSeq !== null) {
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
      const count = await db.transaction(async (tx) => {
        if (!(await tryPruneLock(tx, PRUNE_LOCK))) return 0;
        return deleteEventsThrough(tx, { throughSeq, limit: PRUNE_BATCH });
      });
      deleted += count;
      if (count < PRUNE_BATCH) break;
    }
  }
  const bounds = await eventSeqBounds(db);
  return { deleted, throughSeq, oldestSeq: bounds?.oldest ?? null };
}

const retentionTimer = processSlot<ReturnType<typeof setInterval>>("EventRetention");

/**
 * Prunes now and then every intervalMs, once per process (dev reloads included). The timer is
 * unref'd: it never keeps a process alive. Failures are logged and retried on the next tick.
 */
export function startEventRetention(
  db: Db,
  { retentionHours, intervalMs = 10 * 60_000 }: { retentionHours: number; intervalMs?: number },
) {
  if (retentionTimer.get()) return;
  const run = () => {
    pruneExpiredEvents(db, { retentionHours }).then(
      (result) => {
        if (result.deleted > 0)
          logger.info(
            { ...result, throughSeq: String(result.throughSeq), oldestSeq: String(result.oldestSeq) },
            "old events pruned",
          );
      },
      (error: unknown) => logger.warn({ err: error }, "event pruning failed; retrying later"),
    );
  };
  retentionTimer.set(setInterval(run, intervalMs).unref());
  // First run soon after start, not during it: the instance has better things to do while booting.
  setTimeout(run, 30_000).unref();
}
