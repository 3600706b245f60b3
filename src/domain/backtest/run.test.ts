import { describe, expect, it } from "vitest";
import { backtest, buyAndHold } from "./run";
import { smaCross } from "./strategies/sma-cross";
import { closes, handCandles, paperRules } from "./test-candles";

const config = { rules: paperRules(), initialCash: 10_000n, slippageBps: 50 };

describe("[BACKTEST] a whole run", () => {
  it("buy-and-hold buys at the second open with the same fee and slippage, and holds to the end", () => {
    const candles = handCandles();
    const { simulation, metrics } = buyAndHold(candles, "1d", config);
    // 9 units at 1005 for 9045 + 90 fee, leaving 865; marked at 1100, 1200, 1150.
    expect(simulation.equity.map((p) => p.equity)).toEqual([10_000n, 10_765n, 11_665n, 865n + 10_350n]);
    expect(metrics.totalReturn).toBeCloseTo(0.1215, 12);
    expect(metrics.exposure).toBe(0.75);
    expect(metrics.tradeCount).toBe(0);
  });

  it("sma-cross 1/2 over 10, 11, 12, 11, 10, 12: decides at a close, fills at the next open, against buy-and-hold", () => {
    // SMA1 (the close) against SMA2: – , 11 > 10.5, 12 > 11.5, 11 < 11.5, 10 < 10.5, 12 > 11: targets F L L F F L.
    // Buy at the open of 2 (12.00 slipped up to 12.06): 8 units cost 9648 + 96 fee ≤ 10000, 9 would not; cash 256.
    // Sell at the open of 4 (10.00 slipped down to 9.95): 7960 − 79 fee; cash 8137. The last LONG has no next open.
    const candles = closes([1000, 1100, 1200, 1100, 1000, 1200]);
    const result = backtest({ strategy: smaCross, params: { fast: 1, slow: 2 }, candles, sentiment: [], interval: "1d", config });
    expect(result.params).toEqual({ fast: 1, slow: 2 });
    expect(result.simulation.fills.map((f) => [f.candleIndex, f.side, f.price, f.quantity, f.fee])).toEqual([
      [2, "BUY", 1206n, 8n, 96n],
      [4, "SELL", 995n, 8n, 79n],
    ]);
    expect(result.simulation.equity.map((p) => p.equity)).toEqual([
      10_000n,
      10_000n,
      256n + 9_600n,
      256n + 8_800n,
      8_137n,
      8_137n,
    ]);
    expect(result.simulation.roundTrips.map((t) => t.pnl)).toEqual([7_960n - 79n - (9_648n + 96n)]);
    expect(result.metrics).toMatchObject({ tradeCount: 1, winRate: 0, profitFactor: 0 });
    expect(result.metrics.totalReturn).toBeCloseTo(-0.1863, 12);
    // Buy-and-hold at the open of 1 (11.00 → 11.06): 8 units for 8848 + 88, cash 1064, marked at the last close 12.00.
    expect(result.buyAndHold.simulation.equity.at(-1)?.equity).toBe(1_064n + 9_600n);
    expect(result.buyAndHold.metrics.totalReturn).toBeCloseTo(0.0664, 12);
  });

  it("needs at least two candles", () => {
    const run = () =>
      backtest({
        strategy: smaCross,
        params: { fast: 1, slow: 2 },
        candles: closes([1000]),
        sentiment: [],
        interval: "1d",
        config,
      });
    expect(run).toThrow(expect.objectContaining({ code: "BACKTEST_NOT_ENOUGH_DATA" }));
  });
});
