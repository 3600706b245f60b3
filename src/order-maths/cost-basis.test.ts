import { describe, expect, it } from "vitest";
import type { OwnTrade } from "@/trpc/types";
import { averageCost, positionsOf, unrealized } from "./cost-basis";

const SCALES = { baseScale: 4, quoteScale: 2 };
let nextId = 1;
function trade(side: "BUY" | "SELL", quantity: string, price: string, quoteQuantity: string, fee: string): OwnTrade {
  const id = String(nextId++);
  return {
    id,
    market: "ACME-USD",
    price,
    quantity,
    quoteQuantity,
    takerSide: side,
    time: "2026-01-01T00:00:00.000Z",
    orderId: id,
    side,
    liquidity: "TAKER",
    fee,
    feeAsset: "USD",
  };
}

describe("positionsOf", () => {
  it("averages buys (fees included) and realises sells against that average", () => {
    const trades = [
      trade("BUY", "2.0000", "100.00", "200.00", "0.40"),
      trade("BUY", "2.0000", "110.00", "220.00", "0.44"),
      trade("SELL", "1.0000", "120.00", "120.00", "0.24"),
    ];
    const position = positionsOf(trades.reverse(), () => SCALES).get("ACME-USD");
    // Cost 420.84 for 4 → 105.21 each; selling one brings 119.76, realising 14.55.
    expect(position).toEqual({ quantity: 30_000n, cost: 31_563n, realized: 1_455n });
    if (!position) return;
    expect(averageCost(position, 4)).toBe(10_521n);
    expect(unrealized(position, 11_000n, 4)).toBe(33_000n - 31_563n);
  });

  it("realises nothing for units that were deposited rather than bought", () => {
    const position = positionsOf([trade("SELL", "5.0000", "100.00", "500.00", "1.00")], () => SCALES).get("ACME-USD");
    expect(position).toEqual({ quantity: 0n, cost: 0n, realized: 0n });
  });
});
