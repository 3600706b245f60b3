import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { EventSource } from "eventsource";
import type { AppRouter } from "../src/server/api/root";
import type { OrdersStreamItem } from "../src/server/services/accounts/account-streams";
import { createApiKey } from "../src/server/services/accounts/api-keys";
import type { ServiceContext } from "../src/server/services/context";
import type { TradesStreamItem } from "../src/server/services/markets/market-streams";
import { createTestMarket, createTestUser } from "./fixtures";

/**
 * Two running instances (URLs) of one deployment: orders are placed over HTTP with API keys on A,
 * and eventsource subscribers on B (and A) must receive every trade, the maker's fills too.
 * `services` points at the shared database, for setup only. Used by tests/multi-process.int.test.ts
 * and scripts/live-check.ts (e.g. against two `next start`).
 */
export interface CrossInstanceResult {
  rounds: number;
  /** Taker order sent to A -> its trade event received from B, per round. */
  latenciesMs: number[];
  tradeIdsOnA: string[];
  tradeIdsOnB: string[];
  makerFillsOnB: number;
}

function clientFor(url: string, apiKey: string) {
  const headers = { authorization: `Bearer ${apiKey}` };
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({
          url: `${url}/api/trpc`,
          EventSource,
          eventSourceOptions: { fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, ...headers } }) },
        }),
        false: httpLink({ url: `${url}/api/trpc`, headers }),
      }),
    ],
  });
}

async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

export async function checkCrossInstanceDelivery(options: {
  services: ServiceContext;
  urlA: string;
  urlB: string;
  rounds?: number;
}): Promise<CrossInstanceResult> {
  const { services, urlA, urlB, rounds = 15 } = options;
  const market = await createTestMarket(services);
  const funds = { USD: "100000.00", [market.base]: "1000" };
  const makerId = await createTestUser(services, funds);
  const takerId = await createTestUser(services, funds);
  const keyOf = async (userId: string) =>
    (await createApiKey(services, { userId, name: "live check", scopes: ["read", "trade"] })).secret;
  const makerOnA = clientFor(urlA, await keyOf(makerId));
  const takerOnA = clientFor(urlA, await keyOf(takerId));
  const makerOnB = clientFor(urlB, await keyOf(makerId));

  const tradesOnB: { id: string; data: TradesStreamItem; atMs: number }[] = [];
  const tradesOnA: { id: string; data: TradesStreamItem }[] = [];
  const makerOrdersOnB: { id: string; data: OrdersStreamItem }[] = [];
  const failures: unknown[] = [];
  const onError = (error: unknown) => failures.push(error);
  const subscriptions = [
    makerOnB.market.onTrades.subscribe(
      { market: market.symbol },
      { onData: (item) => tradesOnB.push({ ...item, atMs: performance.now() }), onError },
    ),
    takerOnA.market.onTrades.subscribe({ market: market.symbol }, { onData: (item) => tradesOnA.push(item), onError }),
    makerOnB.account.onOrders.subscribe(undefined, { onData: (item) => makerOrdersOnB.push(item), onError }),
  ];
  try {
    await waitFor(() => tradesOnB.length === 1 && tradesOnA.length === 1 && makerOrdersOnB.length === 1, 15_000, "snapshots");
    const latenciesMs: number[] = [];
    for (let round = 0; round < rounds; round++) {
      await makerOnA.order.place.mutate({ market: market.symbol, side: "SELL", type: "LIMIT", price: "10.00", quantity: "0.50" });
      const startedMs = performance.now();
      const { trades } = await takerOnA.order.place.mutate({
        market: market.symbol,
        side: "BUY",
        type: "LIMIT",
        price: "10.00",
        quantity: "0.50",
      });
      const tradeId = trades[0]?.id;
      const find = () => tradesOnB.find((item) => item.data.kind === "trade" && item.data.trade.id === tradeId);
      await waitFor(() => find() !== undefined, 5_000, `trade ${tradeId} on B`);
      latenciesMs.push((find()?.atMs ?? 0) - startedMs);
    }
    const fills = () => makerOrdersOnB.filter((item) => item.data.kind === "fill").length;
    await waitFor(() => tradesOnA.length === rounds + 1 && fills() === rounds, 10_000, "every trade on A and every fill on B");
    if (failures.length > 0) throw new Error(`subscription failed: ${String(failures[0])}`);
    return {
      rounds,
      latenciesMs,
      tradeIdsOnA: tradesOnA.slice(1).map((item) => item.id),
      tradeIdsOnB: tradesOnB.slice(1).map((item) => item.id),
      makerFillsOnB: fills(),
    };
  } finally {
    for (const subscription of subscriptions) subscription.unsubscribe();
  }
}

export function describeLatencies(latenciesMs: number[]): string {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]?.toFixed(1);
  return `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${sorted.at(-1)?.toFixed(1)} ms over ${sorted.length} rounds`;
}
