/**
 * The fill engine over random markets, candles and targets, checked against arithmetic written
 * out here on its own (an oracle sharing no code with money.ts or the matcher): conservation of
 * cash, fees exactly the live fee, quantities on step and above the minimum, prices on the tick
 * and slipped against the trader, buys that spend all they can, and determinism.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Candle } from "../candles";
import { maxBigint } from "../decimal";
import type { MarketRules } from "../types";
import { computeMetrics } from "./metrics";
import { simulate } from "./simulate";
import { dailyCandles } from "./test-candles";
import type { Exposure } from "./types";

const rulesArb: fc.Arbitrary<MarketRules> = fc
  .record({
    baseScale: fc.integer({ min: 0, max: 8 }),
    quoteScale: fc.integer({ min: 0, max: 8 }),
    priceTick: fc.bigInt({ min: 1n, max: 50n }),
    quantityStep: fc.bigInt({ min: 1n, max: 1_000n }),
    minSteps: fc.bigInt({ min: 1n, max: 5n }),
    minNotional: fc.bigInt({ min: 0n, max: 100_000n }),
    makerFeeBps: fc.integer({ min: 0, max: 1_000 }),
    takerFeeBps: fc.integer({ min: 0, max: 1_000 }),
  })
  .map(({ minSteps, ...r }) => ({ ...r, minQuantity: r.quantityStep * minSteps }));

const barArb = fc
  .record({
    open: fc.bigInt({ min: 1n, max: 10_000_000n }),
    close: fc.bigInt({ min: 1n, max: 10_000_000n }),
    tradeCount: fc.constantFrom(0, 1, 5),
  })
  .map((bar) => ({ ...bar, high: maxBigint(bar.open, bar.close) + 3n, low: 1n }));

const caseArb = fc.record({
  rules: rulesArb,
  candles: fc.array(barArb, { minLength: 2, maxLength: 40 }).map(dailyCandles),
  targetsSeed: fc.array(fc.constantFrom<Exposure>("LONG", "FLAT"), { minLength: 40, maxLength: 40 }),
  initialCash: fc.bigInt({ min: 1n, max: 10n ** 12n }),
  slippageBps: fc.integer({ min: 0, max: 1_000 }),
});

// The oracle: notional and fee written out, floors by bigint division of non-negative numbers.
const notionalOf = (price: bigint, quantity: bigint, baseScale: number) => (price * quantity) / 10n ** BigInt(baseScale);
const feeOf = (notional: bigint, bps: number) => (notional * BigInt(bps)) / 10_000n;
const costOf = (price: bigint, quantity: bigint, rules: MarketRules) => {
  const notional = notionalOf(price, quantity, rules.baseScale);
  return notional + feeOf(notional, rules.takerFeeBps);
};

interface Case {
  rules: MarketRules;
  candles: Candle[];
  targetsSeed: Exposure[];
  initialCash: bigint;
  slippageBps: number;
}

function run(c: Case) {
  const targets = c.targetsSeed.slice(0, c.candles.length);
  return {
    targets,
    sim: simulate(c.candles, targets, { rules: c.rules, initialCash: c.initialCash, slippageBps: c.slippageBps }),
  };
}

describe("[BACKTEST] fill engine properties", () => {
  it("conserves cash, charges exactly the live fee, keeps every amount on its grid and never goes negative", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { sim } = run(c);
        const { rules } = c;
        let cash = c.initialCash;
        let position = 0n;
        let fees = 0n;
        const fillsAt = new Map(sim.fills.map((f) => [f.candleIndex, f]));
        c.candles.forEach((candle, i) => {
          const fill = fillsAt.get(i);
          if (fill) {
            expect(candle.tradeCount).toBeGreaterThan(0);
            expect(fill.notional).toBe(notionalOf(fill.price, fill.quantity, rules.baseScale));
            expect(fill.fee).toBe(feeOf(fill.notional, rules.takerFeeBps));
            expect(fill.price % rules.priceTick).toBe(0n);
            expect(fill.quantity % rules.quantityStep).toBe(0n);
            expect(fill.quantity).toBeGreaterThanOrEqual(rules.minQuantity);
            if (fill.side === "BUY") {
              expect(fill.price).toBeGreaterThanOrEqual(candle.open);
              expect(fill.notional).toBeGreaterThanOrEqual(rules.minNotional);
              // All it could: one step more would not have been affordable.
              expect(costOf(fill.price, fill.quantity + rules.quantityStep, rules)).toBeGreaterThan(cash);
              cash -= fill.notional + fill.fee;
              position += fill.quantity;
            } else {
              expect(fill.price).toBeLessThanOrEqual(candle.open);
              expect(fill.quantity).toBe(position);
              cash += fill.notional - fill.fee;
              position -= fill.quantity;
            }
            fees += fill.fee;
          }
          const point = sim.equity[i];
          expect(point).toEqual({
            timeMs: candle.openTimeMs,
            cash,
            position,
            equity: cash + notionalOf(candle.close, position, rules.baseScale),
          });
          expect(cash).toBeGreaterThanOrEqual(0n);
        });
        expect(sim.feesPaid).toBe(fees);
        expect(sim.roundTrips).toHaveLength(sim.fills.filter((f) => f.side === "SELL").length);
      }),
      { numRuns: 200 },
    );
  });

  it("slips within one tick plus the slippage of the open, and acts only on the previous close's target", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { sim, targets } = run(c);
        for (const fill of sim.fills) {
          const open = c.candles[fill.candleIndex]?.open ?? 0n;
          const moved = (open * BigInt(c.slippageBps)) / 10_000n;
          const distance = fill.side === "BUY" ? fill.price - open : open - fill.price;
          expect(distance).toBeLessThanOrEqual(moved + c.rules.priceTick);
          expect(targets[fill.candleIndex - 1]).toBe(fill.side === "BUY" ? "LONG" : "FLAT");
        }
      }),
      { numRuns: 200 },
    );
  });

  it("is deterministic, and its metrics stay within their ranges", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { sim } = run(c);
        expect(run(c).sim).toEqual(sim);
        const m = computeMetrics(sim, "1d");
        expect(m.maxDrawdown).toBeGreaterThanOrEqual(0);
        expect(m.maxDrawdown).toBeLessThanOrEqual(1);
        expect(m.exposure).toBeGreaterThanOrEqual(0);
        expect(m.exposure).toBeLessThanOrEqual(1);
        expect(m.totalReturn).toBeGreaterThanOrEqual(-1);
        if (m.winRate !== null) expect(m.winRate).toBeGreaterThanOrEqual(0);
        expect(m.tradeCount).toBe(sim.roundTrips.length);
      }),
      { numRuns: 100 },
    );
  });
});
