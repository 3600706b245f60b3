import { createContext } from "../server/api/context";
import { createCaller } from "../server/api/root";
import type { ServiceContext } from "../server/services/context";
import { newClientOrderId } from "../sdk/client-order-id";
import { type BotExchange, domainCodeIn, OPEN_ORDERS_PAGE } from "./exchange";

/**
 * A BotExchange that calls the tRPC procedures in-process, as the given user, for bots that run
 * inside a server instance (the demo). The procedures are the same ones HTTP clients reach
 * (validation, scopes, services); only HTTP and rate limits are skipped, as for every direct caller.
 */
export function inProcessExchange(services: ServiceContext, userId: string, keyName: string): BotExchange {
  // Scoped like a trading API key, so the bots can do nothing a bot key could not.
  const caller = createCaller(
    createContext({
      services,
      user: { id: userId, role: "trader", via: { kind: "apiKey", keyId: keyName, scopes: ["read", "trade"] } },
    }),
  );
  return {
    markets: async () => (await caller.market.list()).map(({ ticker: _ticker, ...market }) => market),
    book: (market, depth) => caller.market.orderBook({ market, depth }),
    lastTrade: async (market) => (await caller.market.trades({ market, limit: 1 }))[0] ?? null,
    balances: () => caller.account.balances(),
    openOrders: async (market) => (await caller.order.list({ market, status: "open", limit: OPEN_ORDERS_PAGE })).items,
    place: (input) => caller.order.place({ ...input, clientOrderId: input.clientOrderId ?? newClientOrderId("bot") }),
    cancel: (orderId) => caller.order.cancel({ orderId }),
    cancelAll: (market) => caller.order.cancelAll({ market }),
    rejectionCode: (error) => domainCodeIn(error, "cause"),
  };
}
