import { z } from "zod";
import { createApiKey } from "../../src/server/services/accounts/api-keys";
import { auditLedger } from "../../src/server/db/queries/ledger-audit";
import type { ServiceContext } from "../../src/server/services/context";
import { placeOrder } from "../../src/server/services/trading/place-order";
import { createTestMarket, createTestUser } from "../../tests/fixtures";
import type { AuditResult, PlaceResult, ServerStats, SetupResult, Trader } from "./control-protocol";
import { errorMessage } from "./stats";

/**
 * The bench server's control routes (see control-protocol.ts). Everything is created through the
 * services, as an operator or a user would create it, so the ledger audit holds afterwards.
 */

// Enough for every case of a full run; the audit checks nobody was overdrawn anyway.
const TRADER_USD = "100000000.00";
const MAKER_BASE = "10000000";

const setupRequest = z.strictObject({
  markets: z.number().int().min(1).max(20),
  traders: z.number().int().min(1).max(200),
  rawMarkets: z.number().int().min(0).max(20),
  rawUsers: z.number().int().min(0).max(200),
});

const placeRequest = z.strictObject({
  userId: z.uuid(),
  market: z.string().max(25),
  side: z.enum(["BUY", "SELL"]),
  price: z.string().max(40),
  quantity: z.string().max(40),
  count: z.number().int().min(0).max(100_000),
  concurrency: z.number().int().min(1).max(64),
});

async function newTrader(services: ServiceContext): Promise<Trader> {
  const userId = await createTestUser(services, { USD: TRADER_USD });
  const { secret } = await createApiKey(services, { userId, name: "bench", scopes: ["read", "trade"] });
  return { userId, apiKey: secret };
}

async function setup(services: ServiceContext, request: z.infer<typeof setupRequest>): Promise<SetupResult> {
  const live = await createTestMarket(services);
  const result: SetupResult = {
    markets: [],
    makers: [],
    traders: [],
    liveMarket: live.symbol,
    liveMaker: await createTestUser(services, { [live.base]: MAKER_BASE }),
    canceler: await newTrader(services),
    rawMarkets: [],
    rawUsers: [],
  };
  for (let i = 0; i < request.markets; i++) {
    const market = await createTestMarket(services);
    result.markets.push(market.symbol);
    result.makers.push(await createTestUser(services, { [market.base]: MAKER_BASE }));
  }
  for (let i = 0; i < request.traders; i++) result.traders.push(await newTrader(services));
  for (let i = 0; i < request.rawMarkets; i++) result.rawMarkets.push((await createTestMarket(services)).symbol);
  for (let i = 0; i < request.rawUsers; i++) result.rawUsers.push(await createTestUser(services, { USD: TRADER_USD }));
  return result;
}

/** Resting limit orders placed in-process, not measured: makers for the takers, orders to cancel. */
async function place(services: ServiceContext, request: z.infer<typeof placeRequest>): Promise<PlaceResult> {
  const { count, concurrency, ...order } = request;
  const result: PlaceResult = { placed: 0, failed: 0, firstError: null };
  let issued = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < count) {
        issued++;
        try {
          await placeOrder(services, { ...order, type: "LIMIT" });
          result.placed++;
        } catch (error) {
          result.failed++;
          result.firstError ??= errorMessage(error);
        }
      }
    }),
  );
  return result;
}

async function audit(services: ServiceContext): Promise<AuditResult> {
  const checks = await auditLedger(services.db);
  return { failed: checks.filter((c) => !c.ok).map(({ name, breaches, sample }) => ({ name, breaches, sample })) };
}

function stats(): ServerStats {
  const usage = process.memoryUsage();
  return { rssBytes: usage.rss, heapUsedBytes: usage.heapUsed };
}

export function createControlHandler(services: ServiceContext, prefix: string) {
  return async function handleControl(request: Request): Promise<Response> {
    const route = new URL(request.url).pathname.slice(prefix.length);
    try {
      if (request.method === "GET" && route === "/stats") return Response.json(stats());
      if (request.method === "POST" && route === "/setup")
        return Response.json(await setup(services, setupRequest.parse(await request.json())));
      if (request.method === "POST" && route === "/place")
        return Response.json(await place(services, placeRequest.parse(await request.json())));
      if (request.method === "POST" && route === "/audit") return Response.json(await audit(services));
      return new Response("no such bench route", { status: 404 });
    } catch (error) {
      return new Response(errorMessage(error), { status: 500 });
    }
  };
}
