import { aliasedTable, eq } from "drizzle-orm";
import type { MarketRules, MarketStatus } from "../../domain/types";
import { assets, markets } from "../schema";
import type { DbOrTx } from "../types";

export interface MarketRow extends MarketRules {
  symbol: string;
  baseAsset: string;
  quoteAsset: string;
  status: MarketStatus;
}

const base = aliasedTable(assets, "base");
const quote = aliasedTable(assets, "quote");

function selectMarkets(tx: DbOrTx) {
  return tx
    .select({
      symbol: markets.symbol,
      baseAsset: markets.baseAsset,
      quoteAsset: markets.quoteAsset,
      baseScale: base.scale,
      quoteScale: quote.scale,
      priceTick: markets.priceTick,
      quantityStep: markets.quantityStep,
      minQuantity: markets.minQuantity,
      minNotional: markets.minNotional,
      makerFeeBps: markets.makerFeeBps,
      takerFeeBps: markets.takerFeeBps,
      status: markets.status,
    })
    .from(markets)
    .innerJoin(base, eq(base.symbol, markets.baseAsset))
    .innerJoin(quote, eq(quote.symbol, markets.quoteAsset));
}

export async function findMarket(tx: DbOrTx, symbol: string): Promise<MarketRow | null> {
  const [row] = await selectMarkets(tx).where(eq(markets.symbol, symbol));
  return row ?? null;
}

export async function listMarkets(tx: DbOrTx): Promise<MarketRow[]> {
  return selectMarkets(tx).orderBy(markets.symbol);
}

/**
 * Serialises every book change of one market: the row lock is held until commit. NO KEY UPDATE
 * so that inserting orders and trades (whose foreign keys take KEY SHARE) is not blocked by it.
 */
export async function lockMarket(tx: DbOrTx, symbol: string): Promise<MarketRow | null> {
  const [row] = await selectMarkets(tx).where(eq(markets.symbol, symbol)).for("no key update", { of: markets });
  return row ?? null;
}
