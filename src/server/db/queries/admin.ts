import { eq } from "drizzle-orm";
import type { MarketStatus } from "@/domain/types";
import { assets, markets } from "../schema";
import type { DbOrTx } from "../types";

/** Null when the symbol is taken. */
export async function insertAsset(tx: DbOrTx, values: typeof assets.$inferInsert): Promise<{ symbol: string } | null> {
  const [row] = await tx.insert(assets).values(values).onConflictDoNothing().returning({ symbol: assets.symbol });
  return row ?? null;
}

/** Null when a market with that symbol exists. */
export async function insertMarket(tx: DbOrTx, values: typeof markets.$inferInsert): Promise<{ symbol: string } | null> {
  const [row] = await tx.insert(markets).values(values).onConflictDoNothing().returning({ symbol: markets.symbol });
  return row ?? null;
}

/** Call under lockMarket, like every other change to a market's book. */
export async function setMarketStatus(tx: DbOrTx, symbol: string, status: MarketStatus): Promise<void> {
  await tx.update(markets).set({ status }).where(eq(markets.symbol, symbol));
}
