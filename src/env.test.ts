import { afterEach, describe, expect, it } from "vitest";
import { getEnv, resetEnvForTests } from "./env";

const KLINE_VARIABLES = ["KLINE_STREAMS", "KLINE_WS_URL", "KLINE_REST_URL"] as const;

afterEach(() => {
  for (const name of KLINE_VARIABLES) delete process.env[name];
  resetEnvForTests();
});

describe("[ENV] live kline settings", () => {
  it("are off by default, with Binance's public endpoints", () => {
    resetEnvForTests();
    expect(getEnv()).toMatchObject({
      KLINE_STREAMS: [],
      KLINE_WS_URL: "wss://stream.binance.com:9443",
      KLINE_REST_URL: "https://api.binance.com",
      KLINE_WS_PATH: "stream",
      KLINE_PRICE_ROUNDING: "nearest-tick",
    });
  });

  it("map streams to markets, and refuse a typo loudly", () => {
    process.env.KLINE_STREAMS = "BTC-USD:btcusdt@kline_1m,ETH-USD:ethusdt@kline_1h";
    resetEnvForTests();
    expect(getEnv().KLINE_STREAMS.map((t) => `${t.market} ${t.symbol} ${t.interval}`)).toEqual([
      "BTC-USD BTCUSDT 1m",
      "ETH-USD ETHUSDT 1h",
    ]);
    process.env.KLINE_STREAMS = "BTC-USD:btcusdt@kline_3m";
    resetEnvForTests();
    expect(() => getEnv()).toThrow(/KLINE_STREAMS: "BTC-USD:btcusdt@kline_3m" is not MARKET/);
    process.env.KLINE_STREAMS = "";
    process.env.KLINE_WS_URL = "https://stream.binance.com";
    resetEnvForTests();
    expect(() => getEnv()).toThrow(/KLINE_WS_URL/);
  });
});
