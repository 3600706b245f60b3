import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { divCeil, divFloor, formatDecimal, MAX_DIGITS, maxBigint, minBigint, parseDecimal, pow10 } from "./decimal";
import { DomainError } from "./errors";
import { codeOf } from "./test-errors";

describe("pow10", () => {
  it("returns powers of ten", () => {
    expect(pow10(0)).toBe(1n);
    expect(pow10(2)).toBe(100n);
    expect(pow10(38)).toBe(10n ** 38n);
  });

  it("refuses negative or fractional exponents", () => {
    expect(() => pow10(-1)).toThrow(/Invariant/);
    expect(() => pow10(1.5)).toThrow(/Invariant/);
  });
});

describe("parseDecimal", () => {
  it.each([
    ["12", 2, 1200n],
    ["12.5", 2, 1250n],
    ["12.50", 2, 1250n],
    ["0.001", 3, 1n],
    ["0.001", 8, 100_000n],
    ["0", 2, 0n],
    ["0.0", 2, 0n],
    ["007.10", 2, 710n],
    ["12", 0, 12n],
    ["123456789.123456789012345678", 18, 123456789123456789012345678n],
  ])("parses %s at scale %i", (text, scale, units) => {
    expect(parseDecimal(text, scale)).toBe(units);
  });

  it.each(["", ".", "1.", ".5", "-1", "+1", " 1", "1 ", "1e3", "1E3", "0x10", "1,5", "1.2.3", "١٢", "Infinity", "NaN", "1_000"])(
    "rejects %j as INVALID_DECIMAL",
    (text) => {
      expect(codeOf(() => parseDecimal(text, 2))).toBe("INVALID_DECIMAL");
    },
  );

  it("counts decimals as written", () => {
    expect(codeOf(() => parseDecimal("1.234", 2))).toBe("TOO_MANY_DECIMALS");
    expect(codeOf(() => parseDecimal("1.0", 0))).toBe("TOO_MANY_DECIMALS");
    expect(codeOf(() => parseDecimal("1.500", 2))).toBe("TOO_MANY_DECIMALS");
  });

  it("reports the allowed scale with TOO_MANY_DECIMALS", () => {
    try {
      parseDecimal("1.234", 2);
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).details).toEqual({ scale: "2" });
    }
  });

  it("accepts at most 38 digits of minor units", () => {
    const max38 = "9".repeat(38);
    expect(parseDecimal(max38, 0)).toBe(10n ** 38n - 1n);
    expect(parseDecimal(`${"9".repeat(20)}.${"9".repeat(18)}`, 18)).toBe(10n ** 38n - 1n);
    expect(codeOf(() => parseDecimal(`1${"0".repeat(38)}`, 0))).toBe("AMOUNT_TOO_LARGE");
    expect(codeOf(() => parseDecimal("1".repeat(21), 18))).toBe("AMOUNT_TOO_LARGE");
  });

  it("does not count leading zeros as significant", () => {
    expect(parseDecimal(`${"0".repeat(100)}1`, 18)).toBe(10n ** 18n);
    expect(parseDecimal("0.000000000000000001", 18)).toBe(1n);
  });

  it("crashes on a scale outside 0..18 (a programming error, not user input)", () => {
    expect(() => parseDecimal("1", 19)).toThrow(/Invariant/);
    expect(() => parseDecimal("1", -1)).toThrow(/Invariant/);
  });
});

describe("formatDecimal", () => {
  it.each([
    [1250n, 2, "12.50"],
    [1n, 4, "0.0001"],
    [0n, 2, "0.00"],
    [-125n, 2, "-1.25"],
    [-5n, 3, "-0.005"],
    [12n, 0, "12"],
    [-12n, 0, "-12"],
    [10n ** 38n - 1n, 18, `${"9".repeat(20)}.${"9".repeat(18)}`],
  ])("formats %s at scale %i as %s", (units, scale, text) => {
    expect(formatDecimal(units, scale)).toBe(text);
  });
});

const scaleArb = fc.integer({ min: 0, max: 18 });
const unitsArb = fc.bigInt({ min: 0n, max: 10n ** BigInt(MAX_DIGITS) - 1n });

describe("decimal round trips", () => {
  it("parse(format(u)) === u for every non-negative amount that fits", () => {
    fc.assert(
      fc.property(unitsArb, scaleArb, (units, scale) => {
        expect(parseDecimal(formatDecimal(units, scale), scale)).toBe(units);
      }),
      { numRuns: 500 },
    );
  });

  it("format(parse(text)) is the canonical form of text", () => {
    const textArb = fc
      .tuple(scaleArb, fc.stringMatching(/^[0-9]{1,12}$/), fc.stringMatching(/^[0-9]{0,18}$/))
      .filter(([scale, , fraction]) => fraction.length <= scale);
    fc.assert(
      fc.property(textArb, ([scale, whole, fraction]) => {
        const text = fraction === "" ? whole : `${whole}.${fraction}`;
        const canonicalWhole = whole.replace(/^0+(?=\d)/, "");
        const canonical = scale === 0 ? canonicalWhole : `${canonicalWhole}.${fraction.padEnd(scale, "0")}`;
        expect(formatDecimal(parseDecimal(text, scale), scale)).toBe(canonical);
      }),
      { numRuns: 500 },
    );
  });

  it("formatting a negative amount is the positive one with a sign", () => {
    fc.assert(
      fc.property(
        unitsArb.filter((u) => u > 0n),
        scaleArb,
        (units, scale) => {
          expect(formatDecimal(-units, scale)).toBe(`-${formatDecimal(units, scale)}`);
        },
      ),
    );
  });

  it("parse never returns anything but a valid amount or a named error", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 45, unit: fc.constantFrom(..."0123456789.-+e ".split("")) }),
        scaleArb,
        (text, scale) => {
          const code = codeOf(() => parseDecimal(text, scale));
          if (code === undefined) {
            const units = parseDecimal(text, scale);
            expect(units >= 0n && units < 10n ** 38n).toBe(true);
          } else {
            expect(["INVALID_DECIMAL", "TOO_MANY_DECIMALS", "AMOUNT_TOO_LARGE"]).toContain(code);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("divFloor and divCeil", () => {
  it("round down and up", () => {
    expect(divFloor(7n, 2n)).toBe(3n);
    expect(divCeil(7n, 2n)).toBe(4n);
    expect(divFloor(6n, 2n)).toBe(3n);
    expect(divCeil(6n, 2n)).toBe(3n);
    expect(divFloor(0n, 5n)).toBe(0n);
    expect(divCeil(0n, 5n)).toBe(0n);
  });

  it("crash on a negative numerator or a non-positive divisor", () => {
    expect(() => divFloor(-1n, 2n)).toThrow(/Invariant/);
    expect(() => divCeil(1n, 0n)).toThrow(/Invariant/);
  });

  it("bracket the exact quotient", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 40n }), fc.bigInt({ min: 1n, max: 10n ** 20n }), (a, b) => {
        const low = divFloor(a, b);
        const high = divCeil(a, b);
        expect(low * b <= a && a < (low + 1n) * b).toBe(true);
        expect((high - 1n) * b < a || a === 0n).toBe(true);
        expect(high * b >= a).toBe(true);
        expect(high - low).toBe(a % b === 0n ? 0n : 1n);
      }),
    );
  });
});

describe("minBigint and maxBigint", () => {
  it("pick the smallest and largest of their arguments", () => {
    expect(minBigint(3n)).toBe(3n);
    expect(minBigint(3n, -2n, 7n)).toBe(-2n);
    expect(maxBigint(3n, -2n, 7n)).toBe(7n);
    expect(maxBigint(10n ** 40n, 1n)).toBe(10n ** 40n);
  });
});
