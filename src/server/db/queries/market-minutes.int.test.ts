import { describe, expect, it } from "vitest";
import { createTestMarket, createTestUser } from "../../../../tests/fixtures";
import { servicesForThisFile } from "../../../../tests/file-services";
import { auditLedger } from "./ledger-audit";
import { placeOrder } from "../../services/trading/place-order";
import { minuteTickerStats } from "./market-minutes";
import { aggregateTradeStats } from "./market-stats";

const { services } = servicesForThisFile();

describe("[TICKER] minute rollups", () => {
  it("give the same 24h figures as aggregating the trades, and the audit agrees", async () => {
    const market = await createTestMarket(services);
    const maker = await createTestUser(services, { USD: "100000.00", [market.base]: "1000" });
    const taker = await createTestUser(services, { USD: "100000.00", [market.base]: "1000" });
    const prices = ["10.00", "10.50", "9.75", "11.20", "10.05", "9.90"];
    for (const [i, price] of prices.entries()) {
      // Several makers per taker, so one transaction folds several trades into one minute row.
      for (let k = 0; k < 3; k++) {
        await placeOrder(services, {
          userId: maker,
          market: market.symbol,
          side: "SELL",
          type: "LIMIT",
          price,
          quantity: `${1 + k}.${i}0`,
        });
      }
      await placeOrder(services, {
        userId: taker,
        market: market.symbol,
        side: "BUY",
        type: "MARKET",
        quantity: "5",
        timeInForce: "IOC",
      });
    }
    const fromRollup = await minuteTickerStats(services.db, market.symbol);
    const exact = await aggregateTradeStats(services.db, { market: market.symbol });
    expect(fromRollup.tradeCount).toBeGreaterThan(prices.length);
    expect({ ...fromRollup, atMs: 0 }).toEqual({ ...exact, atMs: 0 });
    expect((await auditLedger(services.db)).filter((c) => !c.ok)).toEqual([]);
  });
});
