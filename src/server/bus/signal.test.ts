import { describe, expect, it } from "vitest";
import { assertSignal, encodeSignal, parseSignal, signalMatches } from "./signal";

describe("signalMatches", () => {
  it("matches a listed topic or the wildcard, nothing else", () => {
    expect(signalMatches({ topics: ["market:BTC-EUR", "user:7"], seq: "9" }, "user:7")).toBe(true);
    expect(signalMatches({ topics: ["market:BTC-EUR"], seq: "9" }, "user:7")).toBe(false);
    expect(signalMatches({ topics: ["*"], seq: "9" }, "user:7")).toBe(true);
  });
});

describe("encodeSignal", () => {
  it("keeps the topics when they fit", () => {
    const text = encodeSignal({ topics: ["market:BTC-EUR"], seq: "42" }, 7_999);
    expect(parseSignal(text)).toEqual({ topics: ["market:BTC-EUR"], seq: "42" });
  });

  it("sends everything (*) when the topics do not fit, keeping the seq", () => {
    const topics = Array.from({ length: 2_000 }, (_, i) => `user:${i}`);
    const text = encodeSignal({ topics, seq: "123456789" }, 7_999);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(7_999);
    expect(parseSignal(text)).toEqual({ topics: ["*"], seq: "123456789" });
  });

  it("counts bytes, not characters", () => {
    const topics = ["market:€€€€"];
    const text = JSON.stringify({ topics, seq: "1" });
    expect(parseSignal(encodeSignal({ topics, seq: "1" }, text.length))?.topics).toEqual(["*"]);
  });
});

describe("parseSignal", () => {
  it("rejects what no Bourse instance sends", () => {
    for (const text of [
      "",
      "nope",
      "null",
      "[]",
      '{"topics":[],"seq":"1"}',
      '{"topics":["a"],"seq":1}',
      '{"topics":["a"],"seq":"-1"}',
      '{"topics":[1],"seq":"1"}',
    ]) {
      expect(parseSignal(text)).toBeNull();
    }
  });
});

describe("assertSignal", () => {
  it("throws on a malformed signal", () => {
    expect(() => assertSignal({ topics: [], seq: "1" })).toThrow(TypeError);
    expect(() => assertSignal({ topics: ["a"], seq: "x" })).toThrow(TypeError);
    expect(() => assertSignal({ topics: ["a"], seq: "1" })).not.toThrow();
  });
});
