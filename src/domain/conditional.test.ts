import { describe, expect, it } from "vitest";
import { executionTypeOf, isConditional, reaches, triggerDirection } from "./conditional";
import { ALL_ORDER_TYPES, CONDITIONAL_TYPES, SIDES } from "./types";

describe("conditional order kinds", () => {
  it("every type and side fires in the direction the table says", () => {
    const table = Object.fromEntries(
      CONDITIONAL_TYPES.flatMap((type) => SIDES.map((side) => [`${type} ${side}`, triggerDirection(type, side)])),
    );
    expect(table).toEqual({
      "STOP_MARKET BUY": "RISE",
      "STOP_MARKET SELL": "FALL",
      "STOP_LIMIT BUY": "RISE",
      "STOP_LIMIT SELL": "FALL",
      "TAKE_PROFIT_MARKET BUY": "FALL",
      "TAKE_PROFIT_MARKET SELL": "RISE",
      "TAKE_PROFIT_LIMIT BUY": "FALL",
      "TAKE_PROFIT_LIMIT SELL": "RISE",
      "TRAILING_STOP BUY": "RISE",
      "TRAILING_STOP SELL": "FALL",
    });
  });

  it("each type executes as a limit or a market order", () => {
    expect(Object.fromEntries(ALL_ORDER_TYPES.map((t) => [t, executionTypeOf(t)]))).toEqual({
      LIMIT: "LIMIT",
      MARKET: "MARKET",
      STOP_MARKET: "MARKET",
      STOP_LIMIT: "LIMIT",
      TAKE_PROFIT_MARKET: "MARKET",
      TAKE_PROFIT_LIMIT: "LIMIT",
      TRAILING_STOP: "MARKET",
    });
    expect(ALL_ORDER_TYPES.filter(isConditional)).toEqual([...CONDITIONAL_TYPES]);
  });

  it("a trigger is reached at its own price, from its side", () => {
    expect([reaches("FALL", 100n, 99n), reaches("FALL", 100n, 100n), reaches("FALL", 100n, 101n)]).toEqual([true, true, false]);
    expect([reaches("RISE", 100n, 99n), reaches("RISE", 100n, 100n), reaches("RISE", 100n, 101n)]).toEqual([false, true, true]);
  });
});
