import { maxBigint } from "../../domain/decimal";
import { events } from "../schema";
import type { DbOrTx } from "../types";

export interface EventDraft {
  topic: string;
  type: string;
  payload: unknown;
}

/** The transactional outbox: call inside the transaction whose change these events describe. */
export async function appendEvents(tx: DbOrTx, drafts: readonly EventDraft[]): Promise<bigint | null> {
  if (drafts.length === 0) return null;
  const rows = await tx
    .insert(events)
    .values(drafts.map((d) => ({ topic: d.topic, type: d.type, payload: d.payload })))
    .returning({ seq: events.seq });
  return maxBigint(0n, ...rows.map((r) => r.seq));
}
