import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CANDLE_INTERVALS } from "../candles";
import { klineStreamName, MAX_KLINE_STREAMS, parseKlineStreamConfig, parseKlineStreamName } from "./stream-names";

describe("[KLINES] stream names", () => {
  it("reads <symbol>@kline_<interval>, normalising the symbol's case", () => {
    expect(parseKlineStreamName("btcusdt@kline_1m")).toEqual({ name: "btcusdt@kline_1m", symbol: "BTCUSDT", interval: "1m" });
    expect(parseKlineStreamName("ETHUSDT@kline_4h")).toEqual({ name: "ethusdt@kline_4h", symbol: "ETHUSDT", interval: "4h" });
    expect(parseKlineStreamName("1000satsusdt@kline_1d")?.symbol).toBe("1000SATSUSDT");
  });

  it("refuses other streams and intervals Bourse keeps no candles for", () => {
    for (const text of [
      "btcusdt@trade",
      "btcusdt@kline_",
      "btcusdt@kline_3m",
      "btcusdt@kline_1M",
      "btcusdt@kline_1s",
      "@kline_1m",
      "b@kline_1m",
      "btc-usdt@kline_1m",
      "btcusdt@kline_1m/ethusdt@kline_1m",
      `${"a".repeat(21)}@kline_1m`,
    ]) {
      expect(parseKlineStreamName(text), text).toBeNull();
    }
  });

  it("round-trips every symbol and interval", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9]{2,20}$/), fc.constantFrom(...CANDLE_INTERVALS), (symbol, interval) => {
        const name = klineStreamName(symbol, interval);
        expect(name).toBe(name.toLowerCase());
        expect(parseKlineStreamName(name)).toEqual({ name, symbol, interval });
      }),
    );
  });
});

describe("[KLINES] stream configuration", () => {
  it("maps streams to markets", () => {
    expect(parseKlineStreamConfig("BTC-USD:btcusdt@kline_1m, ETH-USD:ethusdt@kline_1m,")).toEqual({
      ok: true,
      targets: [
        { market: "BTC-USD", name: "btcusdt@kline_1m", symbol: "BTCUSDT", interval: "1m" },
        { market: "ETH-USD", name: "ethusdt@kline_1m", symbol: "ETHUSDT", interval: "1m" },
      ],
    });
    expect(parseKlineStreamConfig("  ")).toEqual({ ok: true, targets: [] });
    // One market may follow several intervals.
    const both = parseKlineStreamConfig("BTC-USD:btcusdt@kline_1m,BTC-USD:btcusdt@kline_1h");
    expect(both.ok && both.targets.map((t) => t.interval)).toEqual(["1m", "1h"]);
  });

  it("refuses malformed entries, repeats and two streams into one market's interval", () => {
    const problem = (text: string) => {
      const parsed = parseKlineStreamConfig(text);
      return parsed.ok ? null : parsed.problem;
    };
    expect(problem("btcusdt@kline_1m")).toMatch(/MARKET:/);
    expect(problem("btc-usd:btcusdt@kline_1m")).toMatch(/MARKET:/);
    expect(problem("BTC-USD:btcusdt@trade")).toMatch(/MARKET:/);
    expect(problem("BTC-USD:btcusdt@kline_1m,ETH-USD:BTCUSDT@kline_1m")).toMatch(/listed twice/);
    expect(problem("BTC-USD:btcusdt@kline_1m,BTC-USD:btcbusd@kline_1m")).toMatch(/two 1m streams/);
    const many = Array.from({ length: MAX_KLINE_STREAMS + 1 }, (_, i) => `M${i}-USD:s${i}usdt@kline_1m`).join(",");
    expect(problem(many)).toMatch(/at most/);
  });
});
