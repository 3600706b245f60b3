import { describe, expect, it } from "vitest";
import { ConfigError, readCliEnv, resolveConnection } from "./config";
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
});
