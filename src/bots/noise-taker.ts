import { formatDecimal, parseDecimal } from "../domain/decimal";
import type { Market } from "../sdk/types";
import { type BotExchange, repeat } from "./exchange";
import { quoteQuantity } from "./strategy";

export interface NoiseTakerConfig {
  /** Markets to trade in; empty means every open market. */
  markets: string[];
  /** Mean time between orders; each wait is drawn from 50–150 % of it. */
  intervalMs: number;
  /** Each order is 1..maxSizeMultiple times the market's minimum quantity. */
  maxSizeMultiple: number;
}

export const DEFAULT_TAKER: NoiseTakerConfig = { markets: [], intervalMs: 1_500, maxSizeMultiple: 5 };

export interface TakerStats {
  orders: number;
  fills: number;
  rejected: number;
}

/** Choices only (side, market, size multiple): never money arithmetic, which stays in bigint. */
export type Random = () => number;

const pick = <T>(items: readonly T[], random: Random): T | undefined => items[Math.floor(random() * items.length)];

/**
 * Sends small random taker orders until the signal aborts: a market order or a marketable IOC
 * limit at the best opposite price, so each order trades at most at the top of the book. Expected
 * refusals (no liquidity, insufficient funds, halted market) are counted, not fatal.
 */
export async function runNoiseTaker(
  exchange: BotExchange,
  config: NoiseTakerConfig,
  signal: AbortSignal,
  log: (message: string) => void,
  random: Random = Math.random,
): Promise<TakerStats> {
  const stats: TakerStats = { orders: 0, fills: 0, rejected: 0 };
  const all = (await exchange.markets()).filter((m) => m.status === "OPEN");
  const markets = config.markets.length > 0 ? all.filter((m) => config.markets.includes(m.symbol)) : all;
  if (markets.length === 0) throw new Error("No open market to trade in");
  log(`taker: trading ${markets.map((m) => m.symbol).join(", ")}`);
  await repeat(
    signal,
    () => Math.round(config.intervalMs * (0.5 + random())),
    async () => {
      const market = pick(markets, random);
      if (market) await takeOnce(market);
    },
    (message) => log(`taker: ${message}`),
  );
  log(`taker: stopped after ${stats.orders} orders (${stats.fills} fills, ${stats.rejected} refused)`);
  return stats;

  async function takeOnce(market: Market): Promise<void> {
    const side = random() < 0.5 ? "BUY" : "SELL";
    const book = await exchange.book(market.symbol, 1);
    const best = (side === "BUY" ? book.asks : book.bids)[0]?.[0];
    if (!best) return;
    const price = parseDecimal(best, market.quoteScale);
    const rules = {
      baseScale: market.baseScale,
      priceTick: parseDecimal(market.priceTick, market.quoteScale),
      quantityStep: parseDecimal(market.quantityStep, market.baseScale),
      minQuantity: parseDecimal(market.minQuantity, market.baseScale),
      minNotional: parseDecimal(market.minNotional, market.quoteScale),
    };
    const multiple = BigInt(1 + Math.floor(random() * config.maxSizeMultiple));
    const quantity = formatDecimal(quoteQuantity(rules.minQuantity * multiple, price, rules), market.baseScale);
    const asMarket = random() < 0.5;
    try {
      const result = await exchange.place({
        market: market.symbol,
        side,
        quantity,
        ...(asMarket ? { type: "MARKET" as const } : { type: "LIMIT" as const, timeInForce: "IOC" as const, price: best }),
      });
      stats.orders++;
      stats.fills += result.trades.length;
    } catch (error) {
      if (exchange.rejectionCode(error) === null) throw error;
      stats.rejected++;
    }
  }
}
