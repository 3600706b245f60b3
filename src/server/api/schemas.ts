import { z } from "zod";
import { emailInput } from "@/domain/credentials";
import { CANDLE_INTERVALS } from "../../domain/candles";
import {
  ALL_ORDER_TYPES,
  CLOSE_REASONS,
  MARKET_STATUSES,
  MAX_FEE_BPS,
  ORDER_STATUSES,
  SIDES,
  STP_MODES,
  TIME_IN_FORCE,
  TRIGGER_STATUSES,
} from "../../domain/types";

/**
 * Every edge's schemas in one module, so tRPC, REST, forms and tests agree. Lists are bounded,
 * strings are bounded, unknown keys are refused (strictObject), and amounts are decimal strings.
 */

export const decimalString = z
  .string()
  .max(60)
  .regex(/^\d{1,38}(\.\d{1,18})?$/, "Use a plain decimal like 12.50: digits, at most one dot, no sign or exponent.");

export const marketSymbol = z
  .string()
  .max(25)
  .regex(/^[A-Z0-9]{2,12}-[A-Z0-9]{2,12}$/, "A market symbol looks like ACME-USD.");
export const assetSymbol = z.string().regex(/^[A-Z0-9]{2,12}$/, "An asset symbol is 2-12 capital letters or digits.");
export const clientOrderId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/, "clientOrderId may use letters, digits and . _ : -");
export const orderId = z.string().max(20).regex(/^\d+$/, "An order id is a string of digits.");
export const cursor = z.string().max(20).regex(/^\d+$/);

export const orderRef = z.union([z.strictObject({ orderId }), z.strictObject({ clientOrderId })]);

export const placeOrderInput = z.strictObject({
  market: marketSymbol,
  side: z.enum(SIDES),
  type: z.enum(ALL_ORDER_TYPES),
  timeInForce: z.enum(TIME_IN_FORCE).optional(),
  postOnly: z.boolean().optional(),
  price: decimalString.optional(),
  quantity: decimalString.optional(),
  /** Market buys only: quote to spend, fees included. */
  quoteAmount: decimalString.optional(),
  clientOrderId: clientOrderId.optional(),
  selfTradePrevention: z.enum(STP_MODES).optional(),
  /** Stops and take-profits: the last trade price that fires them. */
  triggerPrice: decimalString.optional(),
  /** Trailing stops: the trail as a price ... */
  trailingDelta: decimalString.optional(),
  /** ... or in basis points of the best price since activation (1 to 2000; the domain names a value out of range). */
  trailingBps: z.number().int().min(0).max(10_000).optional(),
  /** Trailing stops: the trail starts once the last price reaches this (default: at once). */
  activationPrice: decimalString.optional(),
});

/** An OCO: a limit leg and a stop (or stop-limit) leg, one cancelling the other (domain/oco.ts). */
export const placeOcoInput = z.strictObject({
  market: marketSymbol,
  side: z.enum(SIDES),
  quantity: decimalString,
  /** The limit leg's price: above the last price for a sell, below it for a buy. */
  price: decimalString,
  /** The stop leg's trigger: below the last price for a sell, above it for a buy. */
  triggerPrice: decimalString,
  /** The stop leg's limit price (a stop-limit leg); absent: a stop-market leg, sells only. */
  stopLimitPrice: decimalString.optional(),
  /** The limit leg's; the stop leg gets the same followed by `/stop`. */
  clientOrderId: clientOrderId.optional(),
  selfTradePrevention: z.enum(STP_MODES).optional(),
});

const amendsSomething = (input: { quantity?: string; price?: string }) =>
  input.quantity !== undefined || input.price !== undefined;
export const AMEND_NEEDS_A_CHANGE = "Give a new quantity, a new price, or both.";
/** Quantity is the new total, fills included; a new price or more quantity loses the order's place in the queue. */
export const amendOrderInput = z
  .strictObject({ ref: orderRef, quantity: decimalString.optional(), price: decimalString.optional() })
  .refine(amendsSomething, AMEND_NEEDS_A_CHANGE);
export const cancelAllInput = z.strictObject({ market: marketSymbol.optional() }).optional();
export const canceledCountOutput = z.object({ canceled: z.number().int() });

export const listOrdersInput = z.strictObject({
  market: marketSymbol.optional(),
  status: z.enum(["open", "history"]).default("open"),
  cursor: cursor.optional(),
  limit: z.number().int().min(1).max(500).default(50),
});

export const listOwnTradesInput = z.strictObject({
  market: marketSymbol.optional(),
  cursor: cursor.optional(),
  limit: z.number().int().min(1).max(500).default(50),
});

export const orderBookInput = z.strictObject({ market: marketSymbol, depth: z.number().int().min(1).max(500).default(50) });
export const marketTradesInput = z.strictObject({ market: marketSymbol, limit: z.number().int().min(1).max(1000).default(100) });
export const bySymbolInput = z.strictObject({ symbol: marketSymbol });

const isoTime = z.string();
const decimalOut = z.string();

export const orderOutput = z.object({
  id: z.string(),
  clientOrderId: z.string(),
  market: z.string(),
  side: z.enum(SIDES),
  type: z.enum(ALL_ORDER_TYPES),
  timeInForce: z.enum(TIME_IN_FORCE),
  postOnly: z.boolean(),
  selfTradePrevention: z.enum(STP_MODES),
  price: decimalOut.nullable(),
  quantity: decimalOut.nullable(),
  quoteAmount: decimalOut.nullable(),
  filledQuantity: decimalOut,
  filledQuote: decimalOut,
  averagePrice: decimalOut.nullable(),
  fees: decimalOut,
  status: z.enum(ORDER_STATUSES),
  closeReason: z.enum(CLOSE_REASONS).nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
  /** Conditional orders: PENDING (waiting), TRIGGERED (fired, then executed as any order), NOT_TRIGGERED (closed unfired). */
  triggerStatus: z.enum(TRIGGER_STATUSES).nullable(),
  triggerPrice: decimalOut.nullable(),
  trailingDelta: decimalOut.nullable(),
  trailingBps: z.number().int().nullable(),
  activationPrice: decimalOut.nullable(),
  trailingExtreme: decimalOut.nullable(),
  ocoOrderId: z.string().nullable(),
  triggeredAt: isoTime.nullable(),
});

export const publicTradeOutput = z.object({
  id: z.string(),
  market: z.string(),
  price: decimalOut,
  quantity: decimalOut,
  quoteQuantity: decimalOut,
  takerSide: z.enum(SIDES),
  time: isoTime,
});

export const ownTradeOutput = publicTradeOutput.extend({
  orderId: z.string(),
  side: z.enum(SIDES),
  liquidity: z.enum(["MAKER", "TAKER"]),
  fee: decimalOut,
  feeAsset: z.string(),
});

export const balanceOutput = z.object({ asset: z.string(), available: decimalOut, held: decimalOut, total: decimalOut });

export const marketOutput = z.object({
  symbol: z.string(),
  baseAsset: z.string(),
  quoteAsset: z.string(),
  baseScale: z.number().int(),
  quoteScale: z.number().int(),
  priceTick: decimalOut,
  quantityStep: decimalOut,
  minQuantity: decimalOut,
  minNotional: decimalOut,
  makerFeeBps: z.number().int(),
  takerFeeBps: z.number().int(),
  status: z.enum(MARKET_STATUSES),
});

const level = z.tuple([decimalOut, decimalOut]);
export const orderBookOutput = z.object({ market: z.string(), seq: z.string(), bids: z.array(level), asks: z.array(level) });

export const placeOrderOutput = z.object({ order: orderOutput, trades: z.array(publicTradeOutput), replayed: z.boolean() });
export const placeOcoOutput = z.object({
  /** The limit leg, then the stop leg. */
  orders: z.tuple([orderOutput, orderOutput]),
  trades: z.array(publicTradeOutput),
  replayed: z.boolean(),
});

export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

// Accounts, API keys and administration.

export { emailInput, registerInput } from "@/domain/credentials";

export const registerOutput = z.object({ id: z.string(), email: z.string(), name: z.string() });

export const apiKeyScope = z.enum(["read", "trade"]);
export const createApiKeyInput = z.strictObject({
  name: z.string().trim().min(1, "Name the key.").max(64, "Use at most 64 characters."),
  scopes: z.array(apiKeyScope).min(1, "Pick at least one scope.").max(2),
});
export const apiKeyIdInput = z.strictObject({ id: z.uuid("An API key id is a UUID.") });
export const apiKeyOutput = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(apiKeyScope),
  createdAt: isoTime,
  lastUsedAt: isoTime.nullable(),
});
export const createdApiKeyOutput = z.object({ key: apiKeyOutput, secret: z.string() });

export const adminFundingInput = z.strictObject({
  email: emailInput,
  asset: assetSymbol,
  amount: decimalString,
  /** Recorded in the journal's reference. */
  note: z.string().trim().max(200).optional(),
});
export const adminFindUserInput = z.strictObject({ email: emailInput });
export const adminUserOutput = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.string(),
  balances: z.array(balanceOutput),
});
export const createAssetInput = z.strictObject({
  symbol: assetSymbol,
  name: z.string().trim().min(1).max(80),
  scale: z.number().int().min(0).max(18),
});
export const assetOutput = z.object({ symbol: z.string(), name: z.string(), scale: z.number().int() });
const feeBps = z.number().int().min(0).max(MAX_FEE_BPS);
export const createMarketInput = z.strictObject({
  baseAsset: assetSymbol,
  quoteAsset: assetSymbol,
  priceTick: decimalString,
  quantityStep: decimalString,
  minQuantity: decimalString,
  minNotional: decimalString,
  makerFeeBps: feeBps,
  takerFeeBps: feeBps,
});
export const setMarketStatusInput = z.strictObject({ symbol: marketSymbol, status: z.enum(MARKET_STATUSES) });
export const profileOutput = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(["trader", "admin"]),
  via: z.enum(["session", "apiKey"]),
});

// Live data: 24h figures, candles and the subscription inputs (market and account streams).

export const tickerOutput = z.object({
  market: z.string(),
  open: decimalOut.nullable(),
  high: decimalOut.nullable(),
  low: decimalOut.nullable(),
  last: decimalOut.nullable(),
  change: z.string().nullable(),
  changePercent: z.string().nullable(),
  baseVolume: decimalOut,
  quoteVolume: decimalOut,
  tradeCount: z.number().int(),
  time: isoTime,
});
export const marketWithTickerOutput = marketOutput.extend({ ticker: tickerOutput });

export const candleInterval = z.enum(CANDLE_INTERVALS);
const epochMs = z.number().int().min(0).max(8_640_000_000_000_000);
export const candlesInput = z.strictObject({
  market: marketSymbol,
  interval: candleInterval,
  /** Epoch ms: candles from the one holding startTime forward. */
  startTime: epochMs.optional(),
  /** Epoch ms: without startTime, the candles up to the one holding endTime (default now). */
  endTime: epochMs.optional(),
  limit: z.number().int().min(1).max(1000).default(500),
});
export const candleOutput = z.object({
  openTime: z.number().int(),
  closeTime: z.number().int(),
  open: decimalOut,
  high: decimalOut,
  low: decimalOut,
  close: decimalOut,
  baseVolume: decimalOut,
  quoteVolume: decimalOut,
  tradeCount: z.number().int(),
});

/** An imported candle says where it came from (for example `binance:BTCUSDT`). */
export const importedCandleOutput = candleOutput.extend({ source: z.string() });
export const liveHistoryInput = z.strictObject({ market: marketSymbol });
export const liveHistoryOutput = z.object({ intervals: z.array(candleInterval) });

/** tRPC fills it in from the SSE Last-Event-ID on reconnect; absent, a stream starts with a snapshot. */
export const lastEventId = cursor.nullish();
export const marketStreamInput = z.strictObject({ market: marketSymbol, lastEventId });
export const bookStreamInput = z.strictObject({
  market: marketSymbol,
  depth: z.number().int().min(1).max(500).default(100),
  lastEventId,
});
export const candleStreamInput = z.strictObject({ market: marketSymbol, interval: candleInterval, lastEventId });
export const userStreamInput = z.strictObject({ lastEventId }).optional();
