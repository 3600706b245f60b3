import { BourseClient } from "./api-client";
import type { ServerStats, SetupResult } from "./control-protocol";
import { createAgent, type HttpTarget } from "./http-client";
import { runLive } from "./live";
import { clientOrderId, MAKER_PRICE, QUANTITY } from "./order-shapes";
import { type RunContext, seededMakers } from "./run-steps";

/**
 * The live pair: Bourse's trade stream with one-fill takers over tRPC as the trades, then the
 * raw SSE server broadcasting messages of the same data size at the same rate.
 */
export interface LiveParts {
  http: HttpTarget;
  control: BourseClient;
  raw: HttpTarget;
  setup: SetupResult;
  databaseLabel: string;
}

export async function runLiveCases(c: RunContext, parts: LiveParts): Promise<void> {
  const { profile, report } = c;
  const { setup } = parts;
  const trades = Math.ceil((profile.liveTradesPerSec * profile.liveMs) / 1000);
  const makers = seededMakers(parts.control, [setup.liveMarket], [setup.liveMaker]);
  await makers.ensure(trades);
  const trader = setup.traders[0];
  if (!trader) throw new Error("setup created no traders");
  const agent = createAgent(4);
  const api = new BourseClient(parts.http.withAgent(agent));
  const input = encodeURIComponent(JSON.stringify({ market: setup.liveMarket }));
  try {
    const bourse = await runLive(report, profile, {
      id: "live.bourse",
      group: `live (${parts.databaseLabel})`,
      name: "tRPC market.onTrades SSE, trade time → subscriber",
      streamUrl: `${parts.http.baseUrl}/api/trpc/market.onTrades?input=${input}`,
      subscribers: profile.liveSubscribers,
      trigger: async (index) => {
        const made = await api.placeOrder("trpc", trader.apiKey, {
          market: setup.liveMarket,
          side: "BUY",
          price: MAKER_PRICE,
          quantity: QUANTITY,
          timeInForce: "IOC",
          clientOrderId: clientOrderId(c.runId, "live", index),
        });
        if (made !== 1) throw new Error(`a live taker made ${made} trades, not 1`);
      },
      serverStats: () => parts.control.control<ServerStats>("/stats"),
      vs: [{ against: "live.raw", metric: "perSecond" }],
    });
    await runLive(report, profile, {
      id: "live.raw",
      group: "live baseline",
      name: "raw node:http SSE broadcast, send time → subscriber",
      streamUrl: `${parts.raw.baseUrl}/stream`,
      subscribers: profile.liveSubscribers,
      trigger: async () => {
        await parts.raw.withAgent(agent).ok({ method: "POST", path: `/publish?bytes=${bourse.dataBytes || 200}` });
      },
      serverStats: async () => JSON.parse(await parts.raw.ok({ method: "GET", path: "/stats" })) as ServerStats,
    });
  } finally {
    agent.destroy();
  }
}
