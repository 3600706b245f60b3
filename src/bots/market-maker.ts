import { formatDecimal, parseDecimal } from "../domain/decimal";
import type { Market, Order } from "../sdk/types";
import { type BotExchange, OPEN_ORDERS_PAGE, repeat } from "./exchange";
import { fitToBalances, planQuotes, type Quote, type QuoteRules, referencePrice } from "./strategy";

export interface MarketMakerConfig {
  market: string;
  levels: number;
  spreadBps: number;
  levelSpacingBps: number;
  /** Size per level, in multiples of the market's minimum quantity. */
  sizeMultiple: number;
  maxSkewBps: number;
  /** Inventory (base) away from the starting holding at which skew peaks, in level sizes. */
  inventoryLimitLevels: number;
  intervalMs: number;
  /** Used only when the market has no book and no trades yet. */
  fallbackPrice?: string;
}

export const DEFAULT_MAKER: Omit<MarketMakerConfig, "market"> = {
  levels: 5,
  spreadBps: 30,
  levelSpacingBps: 15,
  sizeMultiple: 20,
  maxSkewBps: 40,
  inventoryLimitLevels: 20,
  intervalMs: 2_000,
};

export interface MakerStats {
  cycles: number;
  placed: number;
  canceled: number;
  rejected: number;
}

type Log = (message: string) => void;

const units = (value: string | null | undefined, scale: number) => (value ? parseDecimal(value, scale) : null);
const keyOf = (side: string, price: bigint) => `${side}:${price}`;

function rulesOf(market: Market): QuoteRules & { feeBps: number } {
  return {
    baseScale: market.baseScale,
    priceTick: parseDecimal(market.priceTick, market.quoteScale),
    quantityStep: parseDecimal(market.quantityStep, market.baseScale),
    minQuantity: parseDecimal(market.minQuantity, market.baseScale),
    minNotional: parseDecimal(market.minNotional, market.quoteScale),
    feeBps: Math.max(market.makerFeeBps, market.takerFeeBps),
  };
}

/**
 * Quotes both sides of one market until the signal aborts: every interval it re-centres on the
 * last trade (or the book's mid at start), skews for inventory, cancels the quotes that moved
 * and places the missing ones (post-only, so it never takes). Its open orders stay bounded by
 * 2 × levels; on the way out it cancels all of them.
 */
export async function runMarketMaker(
  exchange: BotExchange,
  config: MarketMakerConfig,
  signal: AbortSignal,
  log: Log,
): Promise<MakerStats> {
  const stats: MakerStats = { cycles: 0, placed: 0, canceled: 0, rejected: 0 };
  const found = (await exchange.markets()).find((m) => m.symbol === config.market);
  if (!found) throw new Error(`No market ${config.market}`);
  const market: Market = found;
  const rules = rulesOf(market);
  const size = rules.minQuantity * BigInt(config.sizeMultiple);
  const holding = async () => {
    const all = await exchange.balances();
    const of = (asset: string) => all.find((b) => b.asset === asset);
    const base = of(market.baseAsset);
    const quote = of(market.quoteAsset);
    return {
      total: parseDecimal(base?.total ?? "0", market.baseScale),
      available: {
        base: units(base?.available, market.baseScale) ?? 0n,
        quote: units(quote?.available, market.quoteScale) ?? 0n,
      },
    };
  };
  const target = (await holding()).total;
  let reference = await startingReference(exchange, market, rules.priceTick, config.fallbackPrice);
  let lastTradeId = (await exchange.lastTrade(market.symbol))?.id ?? null;
  log(
    `maker ${market.symbol}: quoting ${config.levels} levels a side around ${reference === null ? "?" : formatDecimal(reference, market.quoteScale)}`,
  );

  try {
    await repeat(
      signal,
      () => config.intervalMs,
      async () => {
        const trade = await exchange.lastTrade(market.symbol);
        if (trade && trade.id !== lastTradeId) {
          lastTradeId = trade.id;
          reference = parseDecimal(trade.price, market.quoteScale);
        }
        if (reference !== null) await requote(reference);
        stats.cycles++;
      },
      (message) => log(`maker ${market.symbol}: ${message}`),
    );
  } finally {
    // Best effort even after an error: a stopped maker must not leave quotes behind.
    stats.canceled += (await exchange.cancelAll(market.symbol).catch(() => ({ canceled: 0 }))).canceled;
    log(`maker ${market.symbol}: stopped after ${stats.cycles} cycles, ${stats.placed} orders placed`);
  }
  return stats;

  async function requote(center: bigint): Promise<void> {
    const open = await exchange.openOrders(market.symbol);
    if (open.length >= OPEN_ORDERS_PAGE) {
      stats.canceled += (await exchange.cancelAll(market.symbol)).canceled;
      return;
    }
    const { total } = await holding();
    const limit = size * BigInt(config.inventoryLimitLevels);
    const wanted = planQuotes(
      {
        reference: center,
        spreadBps: config.spreadBps,
        levels: config.levels,
        levelSpacingBps: config.levelSpacingBps,
        size,
        inventory: total,
        targetInventory: target,
        inventoryLimit: limit,
        maxSkewBps: config.maxSkewBps,
      },
      rules,
    );
    const wantedKeys = new Set(wanted.map((q) => keyOf(q.side, q.price)));
    const priceOf = (order: Order) => (order.price === null ? -1n : parseDecimal(order.price, market.quoteScale));
    for (const order of open.filter((o) => !wantedKeys.has(keyOf(o.side, priceOf(o))))) {
      await exchange.cancel(order.id).then(
        () => stats.canceled++,
        () => {}, // Filled or canceled meanwhile: nothing to do.
      );
    }
    const have = new Set(open.map((o) => keyOf(o.side, priceOf(o))));
    const missing = fitToBalances(
      wanted.filter((q) => !have.has(keyOf(q.side, q.price))),
      (await holding()).available,
      rules,
    );
    for (const quote of missing) await place(quote);
  }

  async function place(quote: Quote): Promise<void> {
    try {
      await exchange.place({
        market: market.symbol,
        side: quote.side,
        type: "LIMIT",
        postOnly: true,
        price: formatDecimal(quote.price, market.quoteScale),
        quantity: formatDecimal(quote.quantity, market.baseScale),
      });
      stats.placed++;
    } catch (error) {
      if (exchange.rejectionCode(error) === null) throw error;
      stats.rejected++;
    }
  }
}

async function startingReference(exchange: BotExchange, market: Market, tick: bigint, fallback?: string): Promise<bigint | null> {
  const book = await exchange.book(market.symbol, 1);
  const best = (levels: [string, string][]) => units(levels[0]?.[0], market.quoteScale);
  const last = units((await exchange.lastTrade(market.symbol))?.price, market.quoteScale);
  return referencePrice(best(book.bids), best(book.asks), last, tick) ?? units(fallback, market.quoteScale);
}
