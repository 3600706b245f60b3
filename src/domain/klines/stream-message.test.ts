import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDecimal } from "../decimal";
import { BTC_USD_1M, binanceCells, T0 } from "./klines-test-data";
import { type KlineRules, parseKline } from "./parse-kline";
import { MAX_MESSAGE_CHARS, parseKlineMessage } from "./stream-message";

const STREAM = "btcusdt@kline_1m";
const rulesFor = (stream: string): KlineRules | undefined => (stream === STREAM ? BTC_USD_1M : undefined);

/** A kline event as Binance sends it, built from a file row's cells (so the two can be compared). */
function klineEvent(cells: readonly string[], overrides: Record<string, unknown> = {}, isClosed = false) {
  return {
    e: "kline",
    E: Number(cells[0]) + 1_234,
    s: "BTCUSDT",
    k: {
      t: Number(cells[0]),
      T: Number(cells[6]),
      s: "BTCUSDT",
      i: "1m",
      f: 100,
      L: 200,
      o: cells[1],
      c: cells[4],
      h: cells[2],
      l: cells[3],
      v: cells[5],
      n: Number(cells[8]),
      x: isClosed,
      q: cells[7],
      V: cells[9],
      Q: cells[10],
      B: "0",
      ...overrides,
    },
  };
}

const single = (event: unknown) => JSON.stringify(event);
const combined = (event: unknown, stream = STREAM) => JSON.stringify({ stream, data: event });
const read = (text: string) => parseKlineMessage(text, rulesFor);
const issueOf = (text: string) => {
  const message = read(text);
  return message.kind === "issue" ? message.issue.code : message.kind;
};

describe("[KLINES] stream messages", () => {
  it("reads both shapes into the kline a file row gives, with whether it is closed", () => {
    const cells = binanceCells();
    const expected = parseKline(cells, BTC_USD_1M);
    if (!expected.ok) throw new Error("test row is valid");
    for (const text of [single(klineEvent(cells)), combined(klineEvent(cells))]) {
      expect(read(text)).toEqual({
        kind: "kline",
        stream: STREAM,
        kline: expected.kline,
        isClosed: false,
        eventTimeMs: T0 + 1_234,
      });
    }
    const closed = read(combined(klineEvent(cells, {}, true)));
    expect(closed.kind === "kline" && closed.isClosed).toBe(true);
  });

  it("tells replies to requests apart and reports the server's errors", () => {
    expect(read('{"result":null,"id":1}')).toEqual({ kind: "reply", id: 1 });
    expect(issueOf('{"error":{"code":2,"msg":"Invalid request"},"id":3}')).toBe("KLINE_MESSAGE_ERROR");
    expect(issueOf('{"code":-1121,"msg":"Invalid symbol."}')).toBe("KLINE_MESSAGE_ERROR");
  });

  it("reports messages that are not kline events", () => {
    expect(issueOf("not json")).toBe("KLINE_MESSAGE_NOT_JSON");
    expect(issueOf("[1,2]")).toBe("KLINE_MESSAGE_NOT_KLINE");
    expect(issueOf("null")).toBe("KLINE_MESSAGE_NOT_KLINE");
    expect(issueOf('{"e":"trade","s":"BTCUSDT"}')).toBe("KLINE_MESSAGE_NOT_KLINE");
    expect(issueOf(combined({ e: "24hrTicker" }))).toBe("KLINE_MESSAGE_NOT_KLINE");
    expect(issueOf("x".repeat(MAX_MESSAGE_CHARS + 1))).toBe("KLINE_MESSAGE_TOO_LONG");
  });

  it("reports fields of the wrong type, so no price passes through a float", () => {
    const cells = binanceCells();
    const field = (overrides: Record<string, unknown>) => {
      const message = read(single(klineEvent(cells, overrides)));
      return message.kind === "issue" ? [message.issue.code, message.issue.column] : message.kind;
    };
    expect(field({ o: 42283.58 })).toEqual(["KLINE_MESSAGE_FIELD_INVALID", "k.o"]);
    expect(field({ t: String(T0) })).toEqual(["KLINE_MESSAGE_FIELD_INVALID", "k.t"]);
    expect(field({ n: 1.5 })).toEqual(["KLINE_MESSAGE_FIELD_INVALID", "k.n"]);
    expect(field({ T: -1 })).toEqual(["KLINE_MESSAGE_FIELD_INVALID", "k.T"]);
    expect(field({ x: "true" })).toEqual(["KLINE_MESSAGE_FIELD_INVALID", "k.x"]);
    expect(field({ s: 7 })).toEqual(["KLINE_MESSAGE_FIELD_INVALID", "k.s"]);
    expect(field({ Q: undefined })).toEqual(["KLINE_MESSAGE_FIELD_INVALID", "k.Q"]);
    expect(issueOf(single({ e: "kline", k: [] }))).toBe("KLINE_MESSAGE_FIELD_INVALID");
  });

  it("refuses klines of streams this connection does not ingest, and a combined name that lies", () => {
    const cells = binanceCells();
    expect(issueOf(single(klineEvent(cells, { s: "ETHUSDT" })))).toBe("KLINE_MESSAGE_STREAM_UNKNOWN");
    expect(issueOf(single(klineEvent(cells, { i: "5m" })))).toBe("KLINE_MESSAGE_STREAM_UNKNOWN");
    expect(issueOf(combined(klineEvent(cells), "ethusdt@kline_1m"))).toBe("KLINE_MESSAGE_STREAM_MISMATCH");
    // Binance's stream names are lower case; the case of the name does not matter.
    expect(issueOf(combined(klineEvent(cells), "BTCUSDT@kline_1m"))).toBe("kline");
    const unknown = read(single(klineEvent(cells, { s: "ETHUSDT" })));
    expect(unknown.kind === "issue" && unknown.stream).toBe("ethusdt@kline_1m");
  });

  it("applies the file rows' rules: a broken candle is an issue with the row's code", () => {
    expect(issueOf(single(klineEvent(binanceCells({ 3: "42283.59000000" }))))).toBe("KLINE_OHLC_INCONSISTENT");
    expect(issueOf(single(klineEvent(binanceCells({ 1: "42283.585" }))))).toBe("KLINE_PRICE_NOT_ON_TICK");
    expect(issueOf(single(klineEvent(binanceCells({ 0: String(T0 + 1), 6: String(T0 + 60_000) }))))).toBe(
      "KLINE_OPEN_TIME_NOT_ALIGNED",
    );
    expect(issueOf(single(klineEvent(binanceCells({ 9: "99.0" }))))).toBe("KLINE_TAKER_EXCEEDS_VOLUME");
  });

  it("agrees with the file row for any valid candle, in either shape", () => {
    const price = fc.bigInt({ min: 1n, max: 10n ** 12n });
    const volume = fc.bigInt({ min: 0n, max: 10n ** 16n });
    fc.assert(
      fc.property(
        fc.array(price, { minLength: 4, maxLength: 4 }),
        volume,
        volume,
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.boolean(),
        fc.boolean(),
        (prices, base, quote, count, minute, isClosed, isCombined) => {
          const sorted = [...prices].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          const [low = 1n, a = 1n, b = 1n, high = 1n] = sorted;
          const at8 = (units: bigint) => formatDecimal(units * 1_000_000n, 8);
          const openMs = T0 + minute * 60_000;
          const cells = binanceCells(
            {
              1: at8(a),
              2: at8(high),
              3: at8(low),
              4: at8(b),
              5: formatDecimal(base, 8),
              7: formatDecimal(quote, 8),
              8: String(count),
              9: formatDecimal(base / 2n, 8),
              10: formatDecimal(quote / 3n, 8),
            },
            openMs,
          );
          const event = klineEvent(cells, {}, isClosed);
          const message = read(isCombined ? combined(event) : single(event));
          const row = parseKline(cells, BTC_USD_1M);
          expect(row.ok).toBe(true);
          expect(message).toMatchObject({ kind: "kline", isClosed, kline: row.ok ? row.kline : null });
        },
      ),
      { numRuns: 300 },
    );
  });
});
