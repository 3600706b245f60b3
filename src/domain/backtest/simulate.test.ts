import { describe, expect, it } from "vitest";
import { slippedPrice } from "./fills";
import { simulate } from "./simulate";
import { dailyCandles, handCandles, paperRules } from "./test-candles";
import type { Exposure } from "./types";

const L: Exposure = "LONG";
const F: Exposure = "FLAT";

describe("[BACKTEST] the fill engine, by hand", () => {
  // Cash 100.00, 1% taker fee, 50 bps slippage, whole units, prices in cents.
  const candles = handCandles();
  const run = () => simulate(candles, [L, L, F, F], { rules: paperRules(), initialCash: 10_000n, slippageBps: 50 });

  it("buys at the next open moved up by the slippage, with all the cash the fee leaves", () => {
    const [buy] = run().fills;
    // Price ceil(1000 × 1.005) = 1005. Cost of q: 1005q + floor(1005q / 100); q = 9 costs 9045 + 90 = 9135,
    // q = 10 would cost 10050 + 100 > 10000.
    expect(buy).toEqual({
      candleIndex: 1,
      timeMs: candles[1]?.openTimeMs,
      side: "BUY",
      price: 1005n,
      quantity: 9n,
      notional: 9045n,
      fee: 90n,
    });
  });

  it("sells the whole position at the open moved down, floors the fee, and books the round trip", () => {
    const sim = run();
    // Price floor(1150 × 0.995) = floor(1144.25) = 1144; notional 9 × 1144 = 10296; fee floor(102.96) = 102.
    expect(sim.fills[1]).toMatchObject({
      candleIndex: 3,
      side: "SELL",
      price: 1144n,
      quantity: 9n,
      notional: 10_296n,
      fee: 102n,
    });
    // (10296 − 102) − (9045 + 90) = 10194 − 9135.
    expect(sim.roundTrips.map((t) => t.pnl)).toEqual([1_059n]);
    expect(sim.feesPaid).toBe(192n);
    expect(sim.openEntry).toBeNull();
  });

  it("marks equity at every close: cash 865 plus 9 units at the close, then cash 865 + 10296 − 102", () => {
    expect(run().equity.map((p) => [p.cash, p.position, p.equity])).toEqual([
      [10_000n, 0n, 10_000n],
      [865n, 9n, 865n + 9_900n],
      [865n, 9n, 865n + 10_800n],
      [11_059n, 0n, 11_059n],
    ]);
  });

  it("waits through a candle without trades and fills at the next one that has them", () => {
    const gappy = dailyCandles([{ close: 1000n }, { close: 1000n, tradeCount: 0 }, { open: 1200n, close: 1200n }]);
    const sim = simulate(gappy, [L, L, L], { rules: paperRules(), initialCash: 10_000n, slippageBps: 0 });
    // Price 1200: 1212q ≤ 10000 → q = 8.
    expect(sim.fills).toMatchObject([{ candleIndex: 2, price: 1200n, quantity: 8n, notional: 9_600n, fee: 96n }]);
  });

  it("skips a buy the market's minimums refuse, and says so", () => {
    const candles2 = dailyCandles([{ close: 1000n }, { close: 1000n }, { close: 1000n }]);
    const rules = paperRules({ quantityStep: 5n, minQuantity: 10n });
    // 10000 at 1010 per unit (fee included) buys 9 units, rounded down to the step: 5, below the minimum of 10.
    const sim = simulate(candles2, [L, L, L], { rules, initialCash: 10_000n, slippageBps: 0 });
    expect(sim.fills).toEqual([]);
    expect(sim.skippedOrders).toBe(2);
    const notional = simulate(candles2, [L, L, L], {
      rules: paperRules({ minNotional: 9_500n }),
      initialCash: 9_600n,
      slippageBps: 0,
    });
    // 9600 buys 9 units (9090 + 90); a notional of 9090 is below 9500.
    expect(notional.fills).toEqual([]);
  });

  it("buys all the floored notional allows: at base scale 1, 1 cent buys 1.9 units at 1 cent each", () => {
    const cheap = dailyCandles([{ close: 1n }, { close: 1n }]);
    const rules = paperRules({ baseScale: 1, takerFeeBps: 0 });
    // floor(1 × 19 / 10) = 1 fits the cash of 1; floor(1 × 20 / 10) = 2 does not.
    const sim = simulate(cheap, [L, L], { rules, initialCash: 1n, slippageBps: 0 });
    expect(sim.fills).toMatchObject([{ quantity: 19n, notional: 1n, fee: 0n }]);
  });

  it("keeps an open position at the end, marked at the last close", () => {
    const sim = simulate(candles.slice(0, 3), [L, L, L], { rules: paperRules(), initialCash: 10_000n, slippageBps: 50 });
    expect(sim.openEntry).toMatchObject({ side: "BUY", quantity: 9n });
    expect(sim.roundTrips).toEqual([]);
    expect(sim.equity.at(-1)?.equity).toBe(865n + 10_800n);
  });
});

describe("[BACKTEST] slippage rounds to the tick against the trader", () => {
  it.each([
    // open, side, bps, tick, price
    [1000n, "BUY", 0, 1n, 1000n],
    [1001n, "BUY", 0, 5n, 1005n],
    [1001n, "SELL", 0, 5n, 1000n],
    [1000n, "BUY", 25, 1n, 1003n], // 1002.5 up
    [1000n, "SELL", 25, 1n, 997n], // 997.5 down
    [1000n, "BUY", 1000, 7n, 1106n], // 1100 up to 158 ticks of 7
    [3n, "SELL", 1000, 5n, null], // 2.7 floors to no price at all
  ] as const)("open %s %s %s bps tick %s → %s", (open, side, bps, tick, price) => {
    expect(slippedPrice(open, side, bps, tick)).toBe(price);
  });
});
