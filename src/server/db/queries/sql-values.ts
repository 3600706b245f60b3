import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "../types";

/** A bigint as a numeric parameter: drivers differ in how they send a JS bigint, text never does. */
export function numeric(value: bigint): SQL {
  return sql`${value.toString()}::numeric`;
}

const UNIQUE_VIOLATION = "23505";

/** Walks drizzle's wrapped error down to the driver's, which carries the SQLSTATE and constraint. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const candidate = current as { code?: unknown; constraint?: unknown; message?: unknown; cause?: unknown };
    if (candidate.code === UNIQUE_VIOLATION) {
      // PGlite reports the constraint only in the message.
      return candidate.constraint === constraint || String(candidate.message).includes(constraint);
    }
    current = candidate.cause;
  }
  return false;
}

/**
 * Raw SQL for the few queries drizzle's builder cannot express (the audit). Both drivers answer
 * with `{ rows }`; the shared PgDatabase type only knows "some result", hence the narrowing here.
 */
export async function selectRows(tx: DbOrTx, query: SQL): Promise<Record<string, unknown>[]> {
  const result = (await tx.execute(query)) as unknown as { rows?: Record<string, unknown>[] };
  if (!Array.isArray(result.rows)) throw new Error("driver returned no rows array");
  return result.rows;
}
