import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CANDLE_INTERVALS, intervalMs } from "../candles";
import { formatDecimal } from "../decimal";
import { BTC_USD_1M, binanceCells, T0 } from "./klines-test-data";
import { type KlineRules, parseKline } from "./parse-kline";

const issueOf = (cells: readonly string[], rules: KlineRules = BTC_USD_1M) => {
  const result = parseKline(cells, rules);
  return result.ok ? "ok" : result.issue.code;
};

describe("[KLINES] one row to a kline", () => {
  it("reads Binance's row into minor units at the market's scales", () => {
    expect(parseKline(binanceCells(), BTC_USD_1M)).toEqual({
      ok: true,
      kline: {
        openTimeMs: T0,
        closeTimeMs: T0 + 59_999,
        open: 4228358n,
        high: 4229862n,
        low: 4226102n,
        close: 4229861n,
        baseVolume: 3592724000n,
        quoteVolume: 151921501n,
        tradeCount: 1327,
        takerBuyBaseVolume: 2227622000n,
        takerBuyQuoteVolume: 94189044n,
      },
    });
  });

  it("reads microsecond times, and takes a row without the ignore column", () => {
    const micros = binanceCells({ 0: `${T0}000`, 6: `${T0 + 59_999}999` });
    const parsed = parseKline(micros, BTC_USD_1M);
    expect(parsed.ok && [parsed.kline.openTimeMs, parsed.kline.closeTimeMs]).toEqual([T0, T0 + 59_999]);
    expect(issueOf(binanceCells().slice(0, 11))).toBe("ok");
    // Each time is judged on its own magnitude.
    expect(issueOf(binanceCells({ 6: `${T0 + 59_999}999` }))).toBe("ok");
  });

  it("refuses rows with missing or extra columns", () => {
    expect(issueOf(binanceCells().slice(0, 10))).toBe("KLINE_COLUMN_COUNT");
    expect(issueOf([...binanceCells(), "extra"])).toBe("KLINE_COLUMN_COUNT");
    expect(issueOf([""])).toBe("KLINE_COLUMN_COUNT");
  });

  it("refuses open times off the interval boundary and wrong close times", () => {
    expect(issueOf(binanceCells({ 0: String(T0 + 1), 6: String(T0 + 60_000) }))).toBe("KLINE_OPEN_TIME_NOT_ALIGNED");
    expect(issueOf(binanceCells({ 0: `${T0}001` }))).toBe("KLINE_OPEN_TIME_NOT_ALIGNED");
    expect(issueOf(binanceCells({ 6: String(T0 + 60_000) }))).toBe("KLINE_CLOSE_TIME_MISMATCH");
    expect(issueOf(binanceCells({ 6: String(T0 + 59_998) }))).toBe("KLINE_CLOSE_TIME_MISMATCH");
    // A one-minute file imported as hourly: aligned by luck at 00:00, but its close time gives it away.
    expect(issueOf(binanceCells(), { ...BTC_USD_1M, interval: "1h" })).toBe("KLINE_CLOSE_TIME_MISMATCH");
    expect(issueOf(binanceCells({ 0: "-60000" }))).toBe("KLINE_TIME_INVALID");
  });

  it("refuses prices that break low <= open, close <= high", () => {
    expect(issueOf(binanceCells({ 3: "42283.59000000" }))).toBe("KLINE_OHLC_INCONSISTENT"); // low above open
    expect(issueOf(binanceCells({ 2: "42298.60000000" }))).toBe("KLINE_OHLC_INCONSISTENT"); // high below close
    // Broken by less than a tick: rounding would hide it, so the exact values are checked.
    const subTick = { 1: "42283.584", 3: "42283.585" };
    expect(issueOf(binanceCells(subTick), { ...BTC_USD_1M, priceRounding: "nearest-tick" })).toBe("KLINE_OHLC_INCONSISTENT");
  });

  it("refuses negative, garbage and huge values, naming the column", () => {
    const result = parseKline(binanceCells({ 5: "-1.00000000" }), BTC_USD_1M);
    expect(result).toMatchObject({ ok: false, issue: { code: "KLINE_NUMBER_NEGATIVE", column: "volume", value: "-1.00000000" } });
    expect(issueOf(binanceCells({ 1: "abc" }))).toBe("KLINE_NUMBER_INVALID");
    expect(issueOf(binanceCells({ 1: "4.2e4" }))).toBe("KLINE_NUMBER_INVALID");
    expect(issueOf(binanceCells({ 2: "9".repeat(40) }))).toBe("KLINE_NUMBER_TOO_LARGE");
    expect(issueOf(binanceCells({ 8: "13.5" }))).toBe("KLINE_TRADE_COUNT_INVALID");
    expect(issueOf(binanceCells({ 9: "35.92724001" }))).toBe("KLINE_TAKER_EXCEEDS_VOLUME");
    expect(issueOf(binanceCells({ 10: "1519215.01782151" }))).toBe("KLINE_TAKER_EXCEEDS_VOLUME");
    const long = parseKline(binanceCells({ 1: "x".repeat(100) }), BTC_USD_1M);
    expect(!long.ok && long.issue.value?.length).toBeLessThanOrEqual(41);
  });

  it("refuses prices off the tick unless rounding is asked for", () => {
    const offTick = binanceCells({ 1: "42283.58500000" });
    expect(issueOf(offTick)).toBe("KLINE_PRICE_NOT_ON_TICK");
    const rounded = parseKline(offTick, { ...BTC_USD_1M, priceRounding: "nearest-tick" });
    expect(rounded.ok && rounded.kline.open).toBe(4228359n);
    expect(issueOf(binanceCells(), { ...BTC_USD_1M, priceTick: 5n })).toBe("KLINE_PRICE_NOT_ON_TICK");
    expect(issueOf(binanceCells({ 1: "0", 3: "0" }))).toBe("KLINE_PRICE_NOT_POSITIVE");
  });

  it("floors volumes to a coarser base scale", () => {
    const result = parseKline(binanceCells(), { ...BTC_USD_1M, baseScale: 4 });
    expect(result.ok && [result.kline.baseVolume, result.kline.takerBuyBaseVolume]).toEqual([359272n, 222762n]);
  });
});

/** A valid kline as Binance would write it: prices on a 0.01 tick, 8 decimals everywhere. */
const validRow = fc
  .record({
    interval: fc.constantFrom(...CANDLE_INTERVALS),
    offsetMs: fc.integer({ min: 0, max: 2_600_000_000_000 }),
    micros: fc.boolean(),
    prices: fc.array(fc.bigInt({ min: 1n, max: 10n ** 12n }), { minLength: 4, maxLength: 4 }),
    volume: fc.bigInt({ min: 0n, max: 10n ** 20n }),
    takerShare: fc.bigInt({ min: 0n, max: 100n }),
    trades: fc.integer({ min: 0, max: 10_000_000 }),
  })
  .map(({ interval, offsetMs, micros, prices, volume, takerShare, trades }) => {
    const [low = 1n, a = 1n, b = 1n, high = 1n] = [...prices].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    // 2017 (Binance's first year) to 2099: microseconds are told apart from 1973 on, milliseconds until 5138.
    const open = Math.ceil((1_500_000_000_000 + offsetMs) / intervalMs(interval)) * intervalMs(interval);
    const time = (ms: number, pad: string) => (micros ? `${ms}${pad}` : String(ms));
    const eight = (cents: bigint) => `${formatDecimal(cents, 2)}000000`;
    const volumeText = formatDecimal(volume, 8);
    const cells = [
      time(open, "000"),
      eight(a),
      eight(high),
      eight(low),
      eight(b),
      volumeText,
      time(open + intervalMs(interval) - 1, "999"),
      volumeText,
      String(trades),
      formatDecimal((volume * takerShare) / 100n, 8),
      formatDecimal((volume * takerShare) / 100n, 8),
      "0",
    ];
    return { interval, cells, expected: { openTimeMs: open, open: a, high, low, close: b, baseVolume: volume } };
  });

describe("[KLINES] properties", () => {
  it("reads every valid row exactly, in both rounding modes", () => {
    fc.assert(
      fc.property(
        validRow,
        fc.constantFrom("reject" as const, "nearest-tick" as const),
        ({ interval, cells, expected }, priceRounding) => {
          const result = parseKline(cells, { ...BTC_USD_1M, interval, priceRounding });
          expect(result.ok).toBe(true);
          if (result.ok) expect(result.kline).toMatchObject(expected);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("never throws on garbage: any cells give a kline or a named issue", () => {
    const cell = fc.oneof(fc.string({ maxLength: 30 }), fc.stringMatching(/^-?\d{0,20}(\.\d{0,10})?$/));
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 14 }), (cells) => {
        const result = parseKline(cells, BTC_USD_1M);
        if (!result.ok) expect(result.issue.code).toMatch(/^KLINE_/);
      }),
      { numRuns: 1_000 },
    );
  });

  it("refuses any single cell replaced by garbage", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.constantFrom("", "x", "-5", "1e3", " 1", "NaN", "1.2.3"), (index, junk) => {
        expect(parseKline(binanceCells({ [index]: junk }), BTC_USD_1M).ok).toBe(false);
      }),
    );
  });

  it("keeps a scaled kline ordered when rounding any prices to any tick", () => {
    fc.assert(
      fc.property(validRow, fc.bigInt({ min: 1n, max: 10_000n }), ({ interval, cells }, priceTick) => {
        const result = parseKline(cells, { ...BTC_USD_1M, interval, priceTick, priceRounding: "nearest-tick" });
        if (!result.ok) {
          expect(result.issue.code).toBe("KLINE_PRICE_NOT_POSITIVE");
          return;
        }
        const k = result.kline;
        expect(k.low <= k.open && k.low <= k.close && k.open <= k.high && k.close <= k.high).toBe(true);
        expect([k.open, k.high, k.low, k.close].every((p) => p % priceTick === 0n)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
