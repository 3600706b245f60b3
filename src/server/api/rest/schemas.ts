import { z } from "zod";
import { ALL_ORDER_TYPES, SIDES, STP_MODES, TIME_IN_FORCE } from "@/domain/types";
import {
  AMEND_NEEDS_A_CHANGE,
  candleInterval,
  clientOrderId,
  cursor,
  decimalString,
  marketOutput,
  marketSymbol,
  orderId,
  placeOcoInput,
  placeOrderInput,
} from "../schemas";

/**
 * REST inputs, built from the same field schemas as tRPC (../schemas.ts). Numbers and booleans
 * are NOT shared: trpc-to-openapi coerces query strings by setting `coerce` on the number and
 * boolean schemas it finds, in place, which would silently change what the tRPC procedures
 * accept (a shared z.boolean() would turn "false" into true). So every coercible field here is
 * a fresh instance, and rest.int.test.ts checks, after serving REST, that the shared ones stay strict.
 */

const limit = (max: number, fallback: number) => z.number().int().min(1).max(max).default(fallback);
const epochMs = z.number().int().min(0).max(8_640_000_000_000_000);

export const symbolPath = z.strictObject({ symbol: marketSymbol });
export const depthQuery = z.strictObject({ symbol: marketSymbol, limit: limit(500, 100) });
export const tradesQuery = z.strictObject({ symbol: marketSymbol, limit: limit(1000, 100) });
export const klinesQuery = z.strictObject({
  symbol: marketSymbol,
  interval: candleInterval,
  /** Epoch ms: klines from the one holding startTime forward. */
  startTime: epochMs.optional(),
  /** Epoch ms: without startTime, the klines up to the one holding endTime (default now). */
  endTime: epochMs.optional(),
  limit: limit(1000, 500),
});

// .describe() returns a new schema, so documenting a shared field here leaves the tRPC one as it is.
const fields = placeOrderInput.shape;
export const placeOrderBody = z.strictObject({
  ...fields,
  market: fields.market.describe("The market's symbol, e.g. ACME-USD."),
  type: fields.type.describe(
    "LIMIT or MARKET; or a conditional order that waits for the last trade price: STOP_MARKET, STOP_LIMIT, TAKE_PROFIT_MARKET, TAKE_PROFIT_LIMIT, TRAILING_STOP.",
  ),
  timeInForce: fields.timeInForce.describe(
    "GTC (default for orders with a limit price), IOC or FOK; IOC is the default at market.",
  ),
  postOnly: z.boolean().optional().describe("Refuse the order instead of letting it take liquidity (LIMIT GTC only)."),
  price: fields.price.describe("LIMIT, STOP_LIMIT, TAKE_PROFIT_LIMIT: the limit price, on the market's price tick."),
  quantity: fields.quantity.describe("Base quantity on the market's step (or quoteAmount for a buy at market)."),
  quoteAmount: fields.quoteAmount.describe(
    "Buys at market only: quote to spend, fees included. Required for a stop, take-profit or trailing buy at market.",
  ),
  clientOrderId: fields.clientOrderId.describe("Your idempotency key: generate one per order, reuse it when retrying."),
  selfTradePrevention: fields.selfTradePrevention.describe(
    "What happens when the order would trade with your own resting order.",
  ),
  triggerPrice: fields.triggerPrice.describe(
    "Stops and take-profits: the last trade price that fires them, on the tick. One the last price has already reached is refused (TRIGGER_WOULD_FIRE_NOW).",
  ),
  trailingDelta: fields.trailingDelta.describe("TRAILING_STOP: the trail as a price, on the tick (or trailingBps)."),
  trailingBps: z
    .number()
    .int()
    .min(0)
    .max(10_000)
    .optional()
    .describe("TRAILING_STOP: the trail in basis points of the best price since activation, 1 to 2000 (or trailingDelta)."),
  activationPrice: fields.activationPrice.describe("TRAILING_STOP: the trail starts once the last price reaches this."),
});

const oco = placeOcoInput.shape;
export const placeOcoBody = z.strictObject({
  ...oco,
  quantity: oco.quantity.describe("Base quantity of each leg."),
  price: oco.price.describe("The limit leg: above the last trade price for a sell, below it for a buy."),
  triggerPrice: oco.triggerPrice.describe("The stop leg's trigger: below the last trade price for a sell, above it for a buy."),
  stopLimitPrice: oco.stopLimitPrice.describe("The stop leg's limit price (a stop-limit leg); absent: stop-market, sells only."),
  clientOrderId: oco.clientOrderId.describe("The limit leg's idempotency key; the stop leg gets it followed by /stop."),
});

export const orderIdPath = z.strictObject({ orderId });
export const clientOrderIdPath = z.strictObject({ clientOrderId });
export const amendOrderBody = z
  .strictObject({
    orderId,
    quantity: decimalString.optional().describe("The new total quantity, fills included."),
    price: decimalString.optional().describe("The new limit price."),
  })
  .refine((body) => body.quantity !== undefined || body.price !== undefined, AMEND_NEEDS_A_CHANGE);
export const listOrdersQuery = z.strictObject({
  market: marketSymbol.optional(),
  status: z.enum(["open", "history"]).default("open"),
  cursor: cursor.optional(),
  limit: limit(500, 50),
});
export const cancelAllQuery = z.strictObject({ market: marketSymbol.optional() });
export const ownTradesQuery = z.strictObject({
  market: marketSymbol.optional(),
  cursor: cursor.optional(),
  limit: limit(500, 50),
});
export const noInput = z.strictObject({});

export const serverTimeOutput = z.object({ serverTime: z.number().int().describe("Epoch milliseconds.") });
export const rateLimitOutput = z.object({
  name: z.enum(["orders", "apiReads", "backtests"]),
  limit: z.number().int(),
  intervalSeconds: z.number().int(),
});
export const exchangeInfoOutput = z.object({
  serverTime: z.number().int(),
  /** What the caller may send before a 429; per user for orders, per API key for reads. */
  rateLimits: z.array(rateLimitOutput),
  markets: z.array(marketOutput),
  enums: z.object({
    side: z.array(z.enum(SIDES)),
    type: z.array(z.enum(ALL_ORDER_TYPES)),
    timeInForce: z.array(z.enum(TIME_IN_FORCE)),
    selfTradePrevention: z.array(z.enum(STP_MODES)),
  }),
});
