import type { Db, Tx } from "./types";

/** A read that sees one committed state throughout: a snapshot and the seq it reflects agree. */
export const CONSISTENT_READ = { isolationLevel: "repeatable read", accessMode: "read only" } as const;

const RETRYABLE = new Set(["40001", "40P01"]); // serialization_failure, deadlock_detected
const MAX_ATTEMPTS = 4;

export function sqlState(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function isRetryableConflict(error: unknown): boolean {
  const state = sqlState(error);
  return state !== undefined && RETRYABLE.has(state);
}

/**
 * One transaction, retried a bounded number of times when Postgres aborts it for a deadlock or
 * a serialization failure (the work is then rolled back whole, so a retry is safe). Any other
 * error, including every DomainError, goes straight to the caller.
 */
export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isRetryableConflict(error)) throw error;
      // Jittered backoff so two deadlocked transactions do not collide again in lockstep.
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.floor(Math.random() * 10)));
    }
  }
}
