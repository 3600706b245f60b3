import { eq } from "drizzle-orm";
import { assets } from "../../src/server/db/schema";
import type { OrderLoad } from "./order-load";
import { waitUntil } from "./timing";
import { failedAuditChecks, type OrderVerdict, verifyOrders } from "./verify";
import type { World } from "./world";

/**
 * After a fault: stop the bots, send again whatever might not have run (same clientOrderId),
 * then compare the database with every answer given and audit the ledger.
 */
export async function settleAndVerify(world: World, load: OrderLoad): Promise<{ verdict: OrderVerdict; audit: string[] }> {
  await load.stop();
  await load.resolveUnanswered();
  const scale = await baseScale(world);
  const verdict = await verifyOrders(world.database.db, load, scale);
  return { verdict, audit: await failedAuditChecks(world.database.db) };
}

// Test markets trade a base asset of scale 4 (tests/fixtures.ts); read it rather than assume it.
async function baseScale(world: World): Promise<number> {
  const market = world.markets[0];
  if (!market) return 4;
  const [row] = await world.database.db.select({ scale: assets.scale }).from(assets).where(eq(assets.symbol, market.base));
  return row?.scale ?? 4;
}

/** Waits for the first acknowledgement after `since`; its delay, or null past the deadline. */
export async function timeToFirstAck(load: OrderLoad, since: number, timeoutMs: number): Promise<number | null> {
  const isBack = await waitUntil(() => load.lastAckAt > since, timeoutMs, 20);
  return isBack ? load.lastAckAt - since : null;
}
