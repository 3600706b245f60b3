import { z } from "zod";
import { SIDES, ORDER_TYPES, STP_MODES, TIME_IN_FORCE } from "@/domain/types";
import {
  candleInterval,
  clientOrderId,
  cursor,
  decimalString,
  marketOutput,
  marketSymbol,
  orderId,
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
  timeInForce: fields.timeInForce.describe("GTC (default for limit orders), IOC or FOK."),
  postOnly: z.boolean().optional().describe("Refuse the order instead of letting it take liquidity."),
  price: fields.price.describe("Limit orders only: a decimal string on the market's price tick."),
  quantity: fields.quantity.describe("Base quantity on the market's step (or quoteAmount for a market buy)."),
  quoteAmount: fields.quoteAmount.describe("Market buys only: quote to spend, fees included."),
  clientOrderId: fields.clientOrderId.describe("Your idempotency key: generate one per order, reuse it when retrying."),
  selfTradePrevention: fields.selfTradePrevention.describe(
    "What happens when the order would trade with your own resting order.",
  ),
});

export const orderIdPath = z.strictObject({ orderId });
export const clientOrderIdPath = z.strictObject({ clientOrderId });
export const amendOrderBody = z.strictObject({ orderId, quantity: decimalString });
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
    type: z.array(z.enum(ORDER_TYPES)),
    timeInForce: z.array(z.enum(TIME_IN_FORCE)),
    selfTradePrevention: z.array(z.enum(STP_MODES)),
  }),
});
