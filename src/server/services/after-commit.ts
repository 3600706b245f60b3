import { invalidate } from "../cache/cached";
import type { EventDraft } from "../db/queries/events";
import { logger } from "../logger";
import type { ServiceContext } from "./context";

/**
 * After a commit: wake subscribers and drop stale cache entries. Neither may fail the request,
 * because the change is already durable; a lost signal only delays delivery (subscribers also
 * poll the events table) and a missed invalidation only lives until the entry's TTL.
 */
export async function afterCommit(
  ctx: ServiceContext,
  change: { events: readonly EventDraft[]; seq: bigint | null; cacheKeys: readonly string[] },
): Promise<void> {
  const topics = [...new Set(change.events.map((e) => e.topic))];
  await Promise.all([
    change.seq !== null && topics.length > 0
      ? ctx.bus.publish({ topics, seq: change.seq.toString() }).catch((error: unknown) => {
          logger.warn({ err: error }, "event signal not published; subscribers will catch up by polling");
        })
      : Promise.resolve(),
    invalidate(ctx.cache, change.cacheKeys),
  ]);
}
