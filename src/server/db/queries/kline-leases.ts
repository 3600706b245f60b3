import { and, eq, sql } from "drizzle-orm";
import { klineStreamLeases } from "../schema";
import type { DbOrTx } from "../types";
import { selectRows } from "./sql-values";

export interface KlineLeaseClaim {
  stream: string;
  holder: string;
  leaseMs: number;
}

/**
 * Takes or renews a stream's lease in one statement: it is this holder's afterwards if it was
 * free, expired, or already this holder's. True when it is; false when another holds it. The
 * row lock of the upsert makes two instances claiming at once agree on one winner.
 */
export async function claimKlineLease(db: DbOrTx, claim: KlineLeaseClaim): Promise<boolean> {
  const rows = await selectRows(
    db,
    sql`insert into kline_stream_leases (stream, holder, expires_at)
        values (${claim.stream}, ${claim.holder}, now() + ${claim.leaseMs}::int * interval '1 millisecond')
        on conflict (stream) do update set holder = excluded.holder, expires_at = excluded.expires_at
        where kline_stream_leases.holder = excluded.holder or kline_stream_leases.expires_at < now()
        returning holder`,
  );
  return rows.length === 1;
}

/** Gives a held lease up at once (shutdown), so another instance need not wait for it to expire. */
export async function releaseKlineLease(db: DbOrTx, lease: { stream: string; holder: string }): Promise<void> {
  await db
    .delete(klineStreamLeases)
    .where(and(eq(klineStreamLeases.stream, lease.stream), eq(klineStreamLeases.holder, lease.holder)));
}
