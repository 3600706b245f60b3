import { describe, expect, it } from "vitest";
import { NOTHING_FILLED, POST_ONLY_REJECTED, unfilledOutcome } from "./order-outcome";

describe("unfilledOutcome", () => {
  it("names a post-only rejection", () => {
    expect(unfilledOutcome({ status: "REJECTED", closeReason: "POST_ONLY_WOULD_TAKE", filledQuantity: "0.0000" })).toBe(
      POST_ONLY_REJECTED,
    );
  });

  it("names an IOC or FOK order that filled nothing", () => {
    for (const closeReason of ["IOC_REMAINDER", "FOK_NOT_FILLABLE"] as const) {
      expect(unfilledOutcome({ status: "EXPIRED", closeReason, filledQuantity: "0.0000" })).toBe(NOTHING_FILLED);
    }
  });

  it("leaves partial fills, resting orders and other expiries to the usual toast", () => {
    expect(unfilledOutcome({ status: "EXPIRED", closeReason: "IOC_REMAINDER", filledQuantity: "0.5000" })).toBeNull();
    expect(unfilledOutcome({ status: "EXPIRED", closeReason: "SELF_TRADE_PREVENTION", filledQuantity: "0.0000" })).toBeNull();
    expect(unfilledOutcome({ status: "NEW", closeReason: null, filledQuantity: "0.0000" })).toBeNull();
  });
});
