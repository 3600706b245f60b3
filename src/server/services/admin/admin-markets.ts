import { insertAsset, insertMarket, setMarketStatus } from "../../db/queries/admin";
import { appendEvents } from "../../db/queries/events";
import { findMarket, lockMarket } from "../../db/queries/markets";
import { inTransaction } from "../../db/transaction";
import { parseDecimal } from "@/domain/decimal";
import { DomainError } from "@/domain/errors";
import { validateMarketRules } from "@/domain/market-rules";
import type { MarketStatus } from "@/domain/types";
import { afterCommit } from "../after-commit";
import { marketTopic } from "../trading/book-events";
import { cacheKeys } from "../cache-keys";
import type { ServiceContext } from "../context";
import { assetScale } from "../accounts/funding";
import { type MarketView, marketView } from "../views";
import { logger } from "../../logger";
import { submitCommand } from "../order-entry/order-entry";

export interface NewAsset {
  symbol: string;
  name: string;
  /** Decimal places; fixed forever, since every stored amount of the asset depends on it. */
  scale: number;
}

export async function createAsset(ctx: ServiceContext, asset: NewAsset): Promise<NewAsset> {
  if (!(Number.isInteger(asset.scale) && asset.scale >= 0 && asset.scale <= 18)) {
    throw new DomainError("INVALID_MARKET_RULES", "An asset's scale is a whole number from 0 to 18.", { field: "scale" });
  }
  if (!(await insertAsset(ctx.db, asset))) throw new DomainError("ASSET_EXISTS");
  await afterCommit(ctx, { events: [], seq: null, cacheKeys: [cacheKeys.assets()] });
  return asset;
}

/** Decimal strings, read at the scale of the asset they are counted in. */
export interface NewMarket {
  baseAsset: string;
  quoteAsset: string;
  priceTick: string;
  quantityStep: string;
  minQuantity: string;
  minNotional: string;
  makerFeeBps: number;
  takerFeeBps: number;
}

export async function createMarket(ctx: ServiceContext, request: NewMarket): Promise<MarketView> {
  if (request.baseAsset === request.quoteAsset) {
    throw new DomainError("INVALID_MARKET_RULES", "A market trades two different assets.", { field: "quoteAsset" });
  }
  const [baseScale, quoteScale] = await Promise.all([
    assetScale(ctx.db, request.baseAsset),
    assetScale(ctx.db, request.quoteAsset),
  ]);
  const rules = {
    baseScale,
    quoteScale,
    priceTick: parseDecimal(request.priceTick, quoteScale),
    quantityStep: parseDecimal(request.quantityStep, baseScale),
    minQuantity: parseDecimal(request.minQuantity, baseScale),
    minNotional: parseDecimal(request.minNotional, quoteScale),
    makerFeeBps: request.makerFeeBps,
    takerFeeBps: request.takerFeeBps,
  };
  validateMarketRules(rules);
  const symbol = `${request.baseAsset}-${request.quoteAsset}`;
  // Scales live on the assets; the market row stores only its own rules.
  const { baseScale: _base, quoteScale: _quote, ...stored } = rules;
  const inserted = await insertMarket(ctx.db, {
    symbol,
    baseAsset: request.baseAsset,
    quoteAsset: request.quoteAsset,
    ...stored,
  });
  if (!inserted) throw new DomainError("MARKET_EXISTS");
  await afterCommit(ctx, { events: [], seq: null, cacheKeys: cacheKeys.afterMarketChange(symbol) });
  const market = await findMarket(ctx.db, symbol);
  if (!market) throw new Error(`market ${symbol} missing right after insert`);
  return marketView(market);
}

/**
 * Halts or resumes a market under its row lock, so no order is mid-match when the status flips:
 * an order placed before the halt commits first, and one after it sees HALTED (cancels still work).
 */
export async function changeMarketStatus(ctx: ServiceContext, symbol: string, status: MarketStatus): Promise<MarketView> {
  const outcome = await inTransaction(ctx.db, async (tx) => {
    const market = await lockMarket(tx, symbol);
    if (!market) throw new DomainError("MARKET_NOT_FOUND");
    if (market.status === status) return { market, events: [], seq: null };
    await setMarketStatus(tx, symbol, status);
    const events = [{ topic: marketTopic(symbol), type: "status", payload: { market: symbol, status } }];
    return { market: { ...market, status }, events, seq: await appendEvents(tx, events) };
  });
  await afterCommit(ctx, {
    events: outcome.events,
    seq: outcome.seq,
    cacheKeys: cacheKeys.afterMarketChange(symbol),
  });
  // Fired conditional orders a halt left waiting execute now rather than with the next order.
  if (status === "OPEN" && outcome.events.length > 0) {
    submitCommand<"trigger">(ctx, symbol, { kind: "trigger" }).catch((error: unknown) =>
      logger.warn({ err: error, market: symbol }, "fired orders wait for the market's next command"),
    );
  }
  return marketView(outcome.market);
}
