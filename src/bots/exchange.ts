import type { BourseClient } from "../sdk/client";
import type { Balance, Market, Order, OrderBook, PlaceOrderInput, PlaceOrderResult, PublicTrade } from "../sdk/types";

/**
 * What a bot needs from an exchange. Two implementations: the SDK over HTTP (any Bourse URL,
 * an API key per bot) and in-process tRPC callers for the demo (see demo.ts). Bots see only
 * this, so they run the same either way.
 */
export interface BotExchange {
  markets(): Promise<Market[]>;
  book(market: string, depth: number): Promise<OrderBook>;
  lastTrade(market: string): Promise<PublicTrade | null>;
  balances(): Promise<Balance[]>;
  openOrders(market: string): Promise<Order[]>;
  place(input: PlaceOrderInput): Promise<PlaceOrderResult>;
  cancel(orderId: string): Promise<Order>;
  cancelAll(market: string): Promise<{ canceled: number }>;
  /** The domain code of an expected refusal (INSUFFICIENT_FUNDS, NO_LIQUIDITY …), or null for anything else. */
  rejectionCode(error: unknown): string | null;
}

/** A bot keeps at most this many open orders in one market; the maker's plan stays well below it. */
export const OPEN_ORDERS_PAGE = 100;

export function sdkExchange(client: BourseClient): BotExchange {
  return {
    markets: async () => (await client.market.list.query()).map(({ ticker: _ticker, ...market }) => market),
    book: (market, depth) => client.market.orderBook.query({ market, depth }),
    lastTrade: async (market) => (await client.market.trades.query({ market, limit: 1 }))[0] ?? null,
    balances: () => client.account.balances.query(),
    openOrders: async (market) => (await client.order.list.query({ market, status: "open", limit: OPEN_ORDERS_PAGE })).items,
    place: (input) => client.order.place.mutate(input),
    cancel: (orderId) => client.order.cancel.mutate({ orderId }),
    cancelAll: (market) => client.order.cancelAll.mutate({ market }),
    rejectionCode: (error) => domainCodeIn(error, "data"),
  };
}

/** Reads `error[holder].domainCode` (SDK errors) or `error.cause.code` (in-process errors) without importing either class. */
export function domainCodeIn(error: unknown, holder: "data" | "cause"): string | null {
  if (typeof error !== "object" || error === null || !(holder in error)) return null;
  const inner: unknown = (error as Record<string, unknown>)[holder];
  if (typeof inner !== "object" || inner === null) return null;
  const code: unknown = (inner as Record<string, unknown>)[holder === "data" ? "domainCode" : "code"];
  return typeof code === "string" && /^[A-Z_]+$/.test(code) ? code : null;
}

/** Resolves after `ms`, or at once when the signal aborts (never rejects). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}

/** Failures in a row after which a bot gives up (a revoked key, a server that stays down). */
const MAX_CONSECUTIVE_FAILURES = 5;

/**
 * Runs `cycle` until the signal aborts, waiting `waitMs()` between cycles. A failed cycle is
 * logged and retried on the next tick; MAX_CONSECUTIVE_FAILURES in a row end the loop with the
 * last error, so a bot never spins forever against a server that refuses it.
 */
export async function repeat(
  signal: AbortSignal,
  waitMs: () => number,
  cycle: () => Promise<void>,
  log: (message: string) => void,
): Promise<void> {
  let failures = 0;
  while (!signal.aborted) {
    try {
      await cycle();
      failures = 0;
    } catch (error) {
      if (signal.aborted) return;
      failures++;
      log(`cycle failed (${failures}/${MAX_CONSECUTIVE_FAILURES}): ${error instanceof Error ? error.message : String(error)}`);
      if (failures >= MAX_CONSECUTIVE_FAILURES) throw error;
    }
    await sleep(waitMs(), signal);
  }
}
