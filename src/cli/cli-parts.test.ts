import { describe, expect, it } from "vitest";
import { ConfigError, readCliEnv, resolveConnection } from "./config";
import { parseTrail, toOcoInput } from "./commands/place-input";
import { toPlaceInput } from "./commands/trading";
import { UsageError } from "./errors";
import { num, renderTable, text } from "./table";

describe("[CLI] configuration, tables and order input", () => {
  it("takes the URL and key from flags first, then the environment, validated", () => {
    const env = readCliEnv({ BOURSE_URL: "http://example.test:3000", BOURSE_API_KEY: "bourse_env" });
    expect(resolveConnection({}, env)).toEqual({ url: "http://example.test:3000", apiKey: "bourse_env" });
    expect(resolveConnection({ url: "https://other.test", apiKey: "bourse_flag" }, env)).toEqual({
      url: "https://other.test",
      apiKey: "bourse_flag",
    });
    expect(resolveConnection({}, readCliEnv({}))).toEqual({ url: "http://127.0.0.1:3000", apiKey: undefined });
    expect(() => readCliEnv({ BOURSE_URL: "ftp://x" })).toThrow(ConfigError);
    expect(() => resolveConnection({ url: "not a url" }, env)).toThrow(ConfigError);
  });

  it("pads columns and right-aligns numbers", () => {
    const table = renderTable(
      [text("ASSET"), num("AVAILABLE")],
      [
        ["USD", "10.00"],
        ["BTC", "0.12345678"],
      ],
    );
    expect(table.split("\n")).toEqual(["ASSET   AVAILABLE", "USD         10.00", "BTC    0.12345678"]);
    expect(renderTable([text("A")], [])).toBe("(none)");
  });

  it("makes a limit order with --price, a market order without, and refuses an order with no size", () => {
    expect(toPlaceInput("ACME-USD", "BUY", "2", { price: "10.00", postOnly: true })).toMatchObject({
      type: "LIMIT",
      price: "10.00",
      postOnly: true,
    });
    expect(toPlaceInput("ACME-USD", "BUY", undefined, { quoteAmount: "100.00" })).toMatchObject({
      type: "MARKET",
      quoteAmount: "100.00",
    });
    expect(() => toPlaceInput("ACME-USD", "SELL", undefined, {})).toThrow(UsageError);
  });

  it("makes conditional orders from --stop, --take-profit and --trail, and an OCO from --oco", () => {
    expect(toPlaceInput("ACME-USD", "SELL", "1", { stop: "9.00" })).toMatchObject({ type: "STOP_MARKET", triggerPrice: "9.00" });
    expect(toPlaceInput("ACME-USD", "SELL", "1", { stop: "9.00", price: "8.90" })).toMatchObject({ type: "STOP_LIMIT" });
    expect(toPlaceInput("ACME-USD", "SELL", "1", { takeProfit: "12.00" })).toMatchObject({ type: "TAKE_PROFIT_MARKET" });
    expect(toPlaceInput("ACME-USD", "BUY", "1", { takeProfit: "8.00", price: "8.00" })).toMatchObject({
      type: "TAKE_PROFIT_LIMIT",
    });
    expect(toPlaceInput("ACME-USD", "SELL", "1", { trail: parseTrail("0.50"), activation: "12.00" })).toMatchObject({
      type: "TRAILING_STOP",
      trailingDelta: "0.50",
      activationPrice: "12.00",
    });
    expect([parseTrail("150bps"), parseTrail("1.5%"), parseTrail("2%")]).toEqual([
      { trailingBps: 150 },
      { trailingBps: 150 },
      { trailingBps: 200 },
    ]);
    expect(() => parseTrail("1.234%")).toThrow(UsageError);
    expect(toOcoInput("ACME-USD", "SELL", "1", { oco: true, price: "12.00", stop: "9.00", stopLimit: "8.90" })).toEqual({
      market: "ACME-USD",
      side: "SELL",
      quantity: "1",
      price: "12.00",
      triggerPrice: "9.00",
      stopLimitPrice: "8.90",
      clientOrderId: undefined,
      selfTradePrevention: undefined,
    });
    expect(() => toOcoInput("ACME-USD", "SELL", "1", { oco: true, price: "12.00" })).toThrow(UsageError);
    expect(() => toPlaceInput("ACME-USD", "SELL", "1", { stop: "9.00", trail: parseTrail("1%") })).toThrow(UsageError);
    expect(() => toPlaceInput("ACME-USD", "SELL", "1", { activation: "9.00" })).toThrow(UsageError);
  });
});
