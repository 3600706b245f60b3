import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareDecimal, MAX_TIME_MS, priceUnits, readCount, readDecimal, readTime, volumeUnits } from "./values";

const exact = (text: string) => {
  const read = readDecimal(text, "x");
  if (!read.ok) throw new Error(`${text} did not parse`);
  return read.value;
};
const codeOf = (read: { ok: boolean; issue?: { code: string } }) => (read.ok ? "ok" : read.issue?.code);

describe("[KLINES] exact decimals", () => {
  it("reads plain decimals exactly, refusing signs, exponents, spaces and bare points", () => {
    expect(exact("42283.58000000")).toEqual({ digits: 4228358000000n, exponent: 8 });
    expect(exact("0")).toEqual({ digits: 0n, exponent: 0 });
    for (const bad of ["", " 1", "1 ", "+1", "1e5", ".5", "5.", "1,5", "0x10", "NaN", "Infinity", "١"]) {
      expect(codeOf(readDecimal(bad, "x"))).toBe("KLINE_NUMBER_INVALID");
    }
    expect(codeOf(readDecimal("-0.5", "x"))).toBe("KLINE_NUMBER_NEGATIVE");
    expect(codeOf(readDecimal("9".repeat(61), "x"))).toBe("KLINE_NUMBER_TOO_LARGE");
  });

  it("compares across exponents", () => {
    expect(compareDecimal(exact("1.50"), exact("1.5"))).toBe(0);
    expect(compareDecimal(exact("1.4999"), exact("1.5"))).toBe(-1);
    expect(compareDecimal(exact("10"), exact("9.99999999"))).toBe(1);
  });
});

describe("[KLINES] prices on the tick", () => {
  const price = (text: string, tick: bigint, rounding: "reject" | "nearest-tick") =>
    priceUnits(exact(text), 2, tick, rounding, "open", text);

  it("accepts extra zero decimals and refuses any value off the tick unless asked to round", () => {
    expect(price("42283.58000000", 1n, "reject")).toEqual({ ok: true, value: 4228358n });
    expect(codeOf(price("42283.58500000", 1n, "reject"))).toBe("KLINE_PRICE_NOT_ON_TICK");
    expect(codeOf(price("10.25", 50n, "reject"))).toBe("KLINE_PRICE_NOT_ON_TICK");
    expect(price("10.50", 50n, "reject")).toEqual({ ok: true, value: 1050n });
  });

  it("rounds half-up to the nearest tick", () => {
    expect(price("42283.58500000", 1n, "nearest-tick")).toEqual({ ok: true, value: 4228359n });
    expect(price("42283.58499999", 1n, "nearest-tick")).toEqual({ ok: true, value: 4228358n });
    expect(price("10.25", 50n, "nearest-tick")).toEqual({ ok: true, value: 1050n });
    expect(price("10.24", 50n, "nearest-tick")).toEqual({ ok: true, value: 1000n });
  });

  it("refuses zero, also when a tiny price rounds to zero", () => {
    expect(codeOf(price("0.00000000", 1n, "reject"))).toBe("KLINE_PRICE_NOT_POSITIVE");
    expect(codeOf(price("0.004", 1n, "nearest-tick"))).toBe("KLINE_PRICE_NOT_POSITIVE");
    expect(price("0.005", 1n, "nearest-tick")).toEqual({ ok: true, value: 1n });
  });

  it("refuses what numeric(38,0) cannot hold", () => {
    expect(codeOf(price(`1${"0".repeat(36)}`, 1n, "reject"))).toBe("KLINE_NUMBER_TOO_LARGE");
    expect(price(`1${"0".repeat(35)}`, 1n, "reject").ok).toBe(true);
  });

  it("rounds to within half a tick, and to the value itself when it is on the tick", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 20n }),
        fc.integer({ min: 0, max: 10 }),
        fc.bigInt({ min: 1n, max: 1000n }),
        (digits, exponent, tick) => {
          const value = { digits, exponent };
          const read = priceUnits(value, 2, tick, "nearest-tick", "open", "");
          const twiceScaled = 2n * digits * 100n; // 2 × the value in minor units × 10^exponent
          if (!read.ok) {
            expect(read.issue.code).toBe("KLINE_PRICE_NOT_POSITIVE");
            expect(twiceScaled < tick * 10n ** BigInt(exponent)).toBe(true);
            return;
          }
          const distance = read.value * 2n * 10n ** BigInt(exponent) - twiceScaled;
          expect(read.value % tick).toBe(0n);
          expect(distance > -(tick * 10n ** BigInt(exponent)) && distance <= tick * 10n ** BigInt(exponent)).toBe(true);
          const strict = priceUnits(value, 2, tick, "reject", "open", "");
          if (strict.ok) expect(strict.value).toBe(read.value);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("[KLINES] volumes", () => {
  it("floor to the asset's scale", () => {
    expect(volumeUnits(exact("35.92724999"), 4, "volume", "")).toEqual({ ok: true, value: 359272n });
    expect(volumeUnits(exact("35.92724000"), 8, "volume", "")).toEqual({ ok: true, value: 3592724000n });
    expect(volumeUnits(exact("0.00009999"), 4, "volume", "")).toEqual({ ok: true, value: 0n });
  });
});

describe("[KLINES] times", () => {
  it("reads milliseconds below 10^14 and microseconds from there", () => {
    expect(readTime("1704067200000", "t")).toEqual({ ok: true, value: { ms: 1704067200000, hadMicros: false } });
    expect(readTime("1704067200000000", "t")).toEqual({ ok: true, value: { ms: 1704067200000, hadMicros: false } });
    expect(readTime("1704067259999999", "t")).toEqual({ ok: true, value: { ms: 1704067259999, hadMicros: true } });
    expect(readTime("99999999999999", "t")).toEqual({ ok: true, value: { ms: 99999999999999, hadMicros: false } });
    expect(readTime("100000000000000", "t")).toEqual({ ok: true, value: { ms: 100000000000, hadMicros: false } });
  });

  it("refuses negative, fractional, garbage and far-future times", () => {
    for (const bad of ["-1", "1.5", "", "abc", "1e12", "1".repeat(19), String((MAX_TIME_MS + 1) * 1000)]) {
      expect(codeOf(readTime(bad, "t"))).toBe("KLINE_TIME_INVALID");
    }
    expect(readTime(String(MAX_TIME_MS * 1000), "t").ok).toBe(true);
  });

  it("reads trade counts as whole numbers only", () => {
    expect(readCount("1327", "c")).toEqual({ ok: true, value: 1327 });
    for (const bad of ["-1", "1.0", "", "1".repeat(16)]) expect(codeOf(readCount(bad, "c"))).toBe("KLINE_TRADE_COUNT_INVALID");
  });
});
