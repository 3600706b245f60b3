import { describe, expect, it } from "vitest";
import { cagr, computeMetrics, maxDrawdown, periodReturns, periodsPerYear, sharpe, sortino, tradeFigures } from "./metrics";
import { simulate } from "./simulate";
import { handCandles, paperRules } from "./test-candles";

// Equity 100, 110, 99, 108.90: returns +10%, −10%, +10%.
const curve = [10_000n, 11_000n, 9_900n, 10_890n];

describe("[BACKTEST] metrics, by hand", () => {
  it("period returns and total return", () => {
    const returns = periodReturns(curve);
    expect(returns.map((r) => Math.round(r * 1e12) / 1e12)).toEqual([0.1, -0.1, 0.1]);
  });

  it("annualises by the interval over a 365-day year", () => {
    expect(periodsPerYear("1d")).toBe(365);
    expect(periodsPerYear("4h")).toBe(2_190);
    expect(periodsPerYear("1h")).toBe(8_760);
    expect(periodsPerYear("1m")).toBe(525_600);
  });

  it("sharpe: mean 1/30, sample sd √(6/225 / 2) = 1/√75, so (√75 / 30) × √365 ≈ 5.5151", () => {
    expect(sharpe(periodReturns(curve), 365)).toBeCloseTo((Math.sqrt(75) / 30) * Math.sqrt(365), 9);
    expect(sharpe(periodReturns(curve), 365)).toBeCloseTo(5.5151, 4);
  });

  it("sortino: downside deviation √(0.01 / 3), so (1/30) / (0.1/√3) × √365 = (√3 / 3) × √365 ≈ 11.0303", () => {
    expect(sortino(periodReturns(curve), 365)).toBeCloseTo((Math.sqrt(3) / 3) * Math.sqrt(365), 9);
    expect(sortino(periodReturns(curve), 365)).toBeCloseTo(11.0303, 4);
  });

  it("sharpe and sortino are null without variance or without a losing period", () => {
    expect(sharpe([0.01, 0.01, 0.01], 365)).toBeNull();
    expect(sharpe([0.01], 365)).toBeNull();
    expect(sortino([0.01, 0.02], 365)).toBeNull();
    expect(sortino([], 365)).toBeNull();
  });

  it("max drawdown: from the peak 110 to 99 is 10%, a later deeper fall from a higher peak wins", () => {
    expect(maxDrawdown(curve)).toBeCloseTo(0.1, 12);
    expect(maxDrawdown([100n, 200n, 150n, 250n, 125n, 300n])).toBeCloseTo(0.5, 12);
    expect(maxDrawdown([100n, 101n, 102n])).toBe(0);
  });

  it("cagr: 100 to 121 in two years is 10% a year; 100 to 50 in one year is −50%", () => {
    expect(cagr(100n, 121n, 2)).toBeCloseTo(0.1, 12);
    expect(cagr(100n, 50n, 1)).toBeCloseTo(-0.5, 12);
    expect(cagr(100n, 121n, 0)).toBeNull();
    // +10% in one minute, annualised, is past any float: null, not Infinity (JSON has no Infinity).
    expect(cagr(100n, 110n, 1 / 525_600)).toBeNull();
  });

  it("win rate 2 of 4 and profit factor (100 + 30) / (50 + 10)", () => {
    expect(tradeFigures([100n, -50n, 30n, -10n])).toEqual({ winRate: 0.5, profitFactor: 130 / 60, tradeCount: 4 });
    expect(tradeFigures([100n, 0n])).toEqual({ winRate: 0.5, profitFactor: null, tradeCount: 2 });
    expect(tradeFigures([])).toEqual({ winRate: null, profitFactor: null, tradeCount: 0 });
  });

  it("computeMetrics over the hand-computed simulation", () => {
    const candles = handCandles();
    const sim = simulate(candles, ["LONG", "LONG", "FLAT", "FLAT"], {
      rules: paperRules(),
      initialCash: 10_000n,
      slippageBps: 50,
    });
    const m = computeMetrics(sim, "1d");
    // Equity 10000, 10765, 11665, 11059 (simulate.test.ts).
    expect(m.totalReturn).toBeCloseTo(0.1059, 12);
    expect(m.cagr).toBeCloseTo(1.1059 ** (365 / 3) - 1, 6);
    expect(m.maxDrawdown).toBeCloseTo((11_665 - 11_059) / 11_665, 12);
    expect(m.exposure).toBe(0.5); // held at the closes of candles 1 and 2 of 4
    expect(m).toMatchObject({ winRate: 1, profitFactor: null, tradeCount: 1 });
    const [r1, r2, r3] = [10_765 / 10_000 - 1, 11_665 / 10_765 - 1, 11_059 / 11_665 - 1];
    const mean = (r1 + r2 + r3) / 3;
    const sd = Math.sqrt(((r1 - mean) ** 2 + (r2 - mean) ** 2 + (r3 - mean) ** 2) / 2);
    expect(m.sharpe).toBeCloseTo((mean / sd) * Math.sqrt(365), 9);
    // Only the third period lost.
    expect(m.sortino).toBeCloseTo((mean / Math.sqrt(r3 ** 2 / 3)) * Math.sqrt(365), 9);
  });
});
