import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pendingTrigger } from "./test-triggers";
import { MAX_TRAIL_BPS, type Trail } from "./trailing";
import { firingOrder, isWokenBy, observeTrade, type PendingTrigger, startTrailing, wakePoints } from "./trigger-state";
import { CONDITIONAL_TYPES, SIDES } from "./types";

const TICK = 5n;
const trailing = (fields: Partial<PendingTrigger>) =>
  pendingTrigger({ type: "TRAILING_STOP", trail: { kind: "DELTA", delta: 20n }, trigger: null, ...fields });

describe("one pending order and one trade", () => {
  it("a fixed trigger fires on the first trade that reaches it and changes nothing else", () => {
    const stop = pendingTrigger();
    expect(observeTrade(stop, 101n, TICK)).toEqual({ next: stop, fires: false });
    expect(observeTrade(stop, 100n, TICK)).toEqual({ next: stop, fires: true });
    const takeProfit = pendingTrigger({ type: "TAKE_PROFIT_LIMIT", trigger: 120n });
    expect([observeTrade(takeProfit, 119n, TICK).fires, observeTrade(takeProfit, 120n, TICK).fires]).toEqual([false, true]);
  });

  it("a trailing sell follows new highs and fires when the price falls back by its trail", () => {
    let order = trailing({ extreme: 100n, trigger: 80n });
    const seen = [105n, 103n, 110n, 91n, 90n].map((price) => {
      const step = observeTrade(order, price, TICK);
      order = step.next;
      return [price, order.extreme, order.trigger, step.fires];
    });
    expect(seen).toEqual([
      [105n, 105n, 85n, false],
      [103n, 105n, 85n, false],
      [110n, 110n, 90n, false],
      [91n, 110n, 90n, false],
      [90n, 110n, 90n, true],
    ]);
  });

  it("a trailing buy waits for its activation price, then follows new lows", () => {
    let order = trailing({ side: "BUY", activationPrice: 90n });
    const seen = [95n, 90n, 85n, 104n, 105n].map((price) => {
      const step = observeTrade(order, price, TICK);
      order = step.next;
      return [price, order.extreme, order.trigger, step.fires];
    });
    expect(seen).toEqual([
      [95n, null, null, false],
      [90n, 90n, 110n, false],
      [85n, 85n, 105n, false],
      [104n, 85n, 105n, false],
      [105n, 85n, 105n, true],
    ]);
  });

  it("a trailing stop starts from the last price, unless its activation price is still ahead", () => {
    const delta: Trail = { kind: "DELTA", delta: 20n };
    expect(startTrailing("SELL", delta, null, 100n, TICK)).toEqual({ extreme: 100n, trigger: 80n });
    expect(startTrailing("SELL", delta, 120n, 100n, TICK)).toEqual({ extreme: null, trigger: null });
    expect(startTrailing("SELL", delta, 95n, 100n, TICK)).toEqual({ extreme: 100n, trigger: 80n });
    expect(startTrailing("BUY", delta, null, null, TICK)).toEqual({ extreme: null, trigger: null });
  });

  it("orders fired by one trade fire falling side first, highest trigger first, then the rising side, ties by age", () => {
    const fired = [
      pendingTrigger({ id: "rise-110", side: "BUY", trigger: 110n, seq: 1n }),
      pendingTrigger({ id: "fall-100-b", trigger: 100n, seq: 3n }),
      pendingTrigger({ id: "fall-105", trigger: 105n, seq: 4n }),
      pendingTrigger({ id: "rise-100", side: "BUY", trigger: 100n, seq: 5n }),
      pendingTrigger({ id: "fall-100-a", trigger: 100n, seq: 2n }),
    ];
    expect([...fired].sort(firingOrder).map((o) => o.id)).toEqual([
      "fall-105",
      "fall-100-a",
      "fall-100-b",
      "rise-100",
      "rise-110",
    ]);
  });
});

describe("wake points", () => {
  const trailArb: fc.Arbitrary<Trail> = fc.oneof(
    fc.bigInt({ min: 1n, max: 30n }).map((n) => ({ kind: "DELTA" as const, delta: n * TICK })),
    fc.integer({ min: 1, max: MAX_TRAIL_BPS }).map((bps) => ({ kind: "BPS" as const, bps })),
  );
  const priceArb = fc.bigInt({ min: 1n, max: 60n }).map((n) => n * TICK);
  const orderArb: fc.Arbitrary<PendingTrigger> = fc
    .record({
      type: fc.constantFrom(...CONDITIONAL_TYPES),
      side: fc.constantFrom(...SIDES),
      trail: trailArb,
      activation: fc.option(priceArb),
      history: fc.array(priceArb, { maxLength: 6 }),
      trigger: priceArb,
    })
    .map(({ type, side, trail, activation, history, trigger }) => {
      if (type !== "TRAILING_STOP") return pendingTrigger({ type, side, trigger });
      // A trailing stop in a state trades can reach: placed on an empty market, then traded on.
      let order = pendingTrigger({ type, side, trail, activationPrice: activation, trigger: null });
      for (const price of history) order = observeTrade(order, price, TICK).next;
      return order;
    });

  it("say exactly which trades can change or fire an order", () => {
    fc.assert(
      fc.property(orderArb, fc.bigInt({ min: 1n, max: 320n }), (order, price) => {
        const { next, fires } = observeTrade(order, price, TICK);
        expect(isWokenBy(wakePoints(order), price)).toBe(fires || next !== order);
      }),
      { numRuns: 5_000 },
    );
  });
});
