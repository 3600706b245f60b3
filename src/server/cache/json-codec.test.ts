import { describe, expect, it } from "vitest";
import { decodeJson, encodeJson } from "./json-codec";

describe("json codec", () => {
  it("round-trips bigints at any depth, including beyond 2^53 and negative", () => {
    const value = {
      price: 123_456_789_012_345_678_901_234_567_890n,
      levels: [
        [-5n, 0n],
        [1n, 9_007_199_254_740_993n],
      ],
      symbol: "BTC-EUR",
      count: 3,
      halted: false,
      note: null,
    };
    const text = encodeJson(value);
    expect(text).toContain('{"$bigint":"123456789012345678901234567890"}');
    expect(decodeJson<typeof value>(text)).toEqual(value);
  });

  it("round-trips a bare bigint", () => {
    expect(decodeJson<bigint>(encodeJson(42n))).toBe(42n);
  });

  it("leaves look-alikes that are not a lone integer tag alone", () => {
    const value = { a: { $bigint: "12", extra: 1 }, b: { $bigint: "1.5" }, c: { $bigint: 7 } };
    expect(decodeJson(encodeJson(value))).toEqual(value);
  });

  it("refuses undefined, which JSON cannot carry", () => {
    expect(() => encodeJson(undefined)).toThrow(TypeError);
  });
});
