import { describe, expect, it } from "vitest";
import { createKlineStream } from "./kline-stream";
import { BTC_USD_1M, binanceCells, T0 } from "./klines-test-data";
import { defaultSourceLabel } from "./source-label";

const csvRow = (openTimeMs: number, overrides: Record<number, string> = {}) => binanceCells(overrides, openTimeMs).join(",");

function outcomes(text: string) {
  const stream = createKlineStream(BTC_USD_1M);
  return [...stream.feed(text), ...stream.end()].map((o) => [o.line, o.row, o.issue?.code ?? o.kline?.openTimeMs]);
}

describe("[KLINES] a file's rows", () => {
  it("validates each row of a CSV, with header, by line", () => {
    const text = ["open_time,open", csvRow(T0), csvRow(T0 + 60_000, { 1: "x" }), csvRow(T0 + 120_000)].join("\n");
    expect(outcomes(text)).toEqual([
      [2, 1, T0],
      [3, 2, "KLINE_NUMBER_INVALID"],
      [4, 3, T0 + 120_000],
    ]);
  });

  it("demands increasing open times, so a repeated row is refused", () => {
    const text = [csvRow(T0 + 60_000), csvRow(T0 + 60_000), csvRow(T0), csvRow(T0 + 120_000)].join("\n");
    expect(outcomes(text).map((o) => o[2])).toEqual([T0 + 60_000, "KLINE_OUT_OF_ORDER", "KLINE_OUT_OF_ORDER", T0 + 120_000]);
  });

  it("reads the REST endpoint's JSON with the same rules", () => {
    const row = (openTimeMs: number) => {
      const cells = binanceCells({}, openTimeMs);
      return `[${cells[0]},${cells
        .slice(1, 6)
        .map((c) => `"${c}"`)
        .join(",")},${cells[6]},"${cells[7]}",${cells[8]},"${cells[9]}","${cells[10]}","0"]`;
    };
    const stream = createKlineStream(BTC_USD_1M);
    const result = [...stream.feed(`[${row(T0)},\n${row(T0 + 60_000)}]`), ...stream.end()];
    expect(stream.format()).toBe("json");
    expect(result.map((o) => [o.line, o.kline?.open])).toEqual([
      [1, 4228358n],
      [2, 4228358n],
    ]);
  });
});

describe("[KLINES] source labels", () => {
  it("names Binance's files by their symbol and any other file by its name", () => {
    expect(defaultSourceLabel("/data/BTCUSDT-1m-2024-01.zip")).toBe("binance:BTCUSDT");
    expect(defaultSourceLabel("ETHBTC-1h-2024-01-31.csv")).toBe("binance:ETHBTC");
    expect(defaultSourceLabel("C:\\dl\\export.json")).toBe("export.json");
    expect(defaultSourceLabel(`${"x".repeat(300)}.csv`)).toHaveLength(100);
  });
});
