import { eq, sql } from "drizzle-orm";
import { hashPassword } from "../../auth/password";
import { assets, journals, markets, orders, trades, users } from "../../db/schema";
import { rebuildMarketMinutes } from "../../db/queries/market-minutes";
import { selectRows } from "../../db/queries/sql-values";
import { SYSTEM_ACCOUNTS } from "../../db/system-accounts";
import type { Db } from "../../db/types";
import type { ServiceContext } from "../context";
import { deposit } from "../accounts/funding";
import { placeOrder } from "../trading/place-order";
import { DEMO_ASSETS, DEMO_MARKETS, DEMO_PASSWORD, DEMO_USERS, demoLadder, demoTape } from "./seed-data";
import { seedDemoNews } from "./seed-news";

/** System accounts exist in every database, demo or not: ledgers need their counterparties. */
export async function ensureSystemAccounts(db: Db): Promise<void> {
  await db
    .insert(users)
    .values(SYSTEM_ACCOUNTS.map((a) => ({ id: a.id, name: a.name, role: "system" as const })))
    .onConflictDoNothing();
}

/**
 * Seeds assets, markets, demo traders with funds, resting orders on both sides, a day of trades
 * and a day of news per asset. Every step is idempotent (conflict-free inserts, deposits keyed by reference, orders
 * keyed by clientOrderId), so running it again, or after a crash half-way, changes nothing twice.
 */
export async function seedDemo(ctx: ServiceContext): Promise<void> {
  const { db } = ctx;
  await ensureSystemAccounts(db);
  await db.insert(assets).values(DEMO_ASSETS).onConflictDoNothing();
  await db.insert(markets).values(DEMO_MARKETS).onConflictDoNothing();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db
    .insert(users)
    .values(DEMO_USERS.map((u) => ({ email: u.email, name: u.name, role: u.role, passwordHash })))
    .onConflictDoNothing();
  const ids = new Map((await db.select({ id: users.id, email: users.email }).from(users)).map((u) => [u.email, u.id]));
  const idOf = (email: string) => {
    const id = ids.get(email);
    if (!id) throw new Error(`demo user ${email} missing after insert`);
    return id;
  };

  for (const user of DEMO_USERS) {
    for (const [asset, amount] of Object.entries(user.funds)) {
      const reference = `seed:${user.email}:${asset}`;
      const [done] = await db.select({ id: journals.id }).from(journals).where(eq(journals.reference, reference));
      if (!done) await deposit(ctx, { userId: idOf(user.email), asset, amount, reference });
    }
  }

  for (const market of DEMO_MARKETS) {
    for (const order of demoTape(market.symbol)) await placeOrder(ctx, { ...order, userId: idOf(order.email) });
    for (const order of demoLadder(market.symbol)) await placeOrder(ctx, { ...order, userId: idOf(order.email) });
  }
  const moved = await spreadSeedTradesOverDay(db);
  // The minute rollups were written at the trades' original times; recompute them from the trades.
  if (moved > 0) await db.transaction((tx) => rebuildMarketMinutes(tx));
  await seedDemoNews(ctx);
}

/**
 * Seed trades all happen within seconds; spreading them over the last day gives the newcomer a
 * chart with history. Only timestamps change, never amounts, so the ledger is intact. The newest
 * lands an hour ago, so a second run finds nothing recent to spread again.
 */
async function spreadSeedTradesOverDay(db: Db): Promise<number> {
  const moved = await selectRows(
    db,
    sql`
    with seeded as (
      select t.id, row_number() over (partition by t.market order by t.id) as n,
             count(*) over (partition by t.market) as total
      from ${trades} t join ${orders} o on o.id = t.taker_order_id
      where o.client_order_id like 'seed-tape-%' and t.created_at > now() - interval '1 hour'
    )
    update ${trades} set created_at = now() - interval '24 hours' + (interval '23 hours') * (seeded.n::float8 / seeded.total)
    from seeded where ${trades}.id = seeded.id
    returning ${trades}.id`,
  );
  return moved.length;
}
