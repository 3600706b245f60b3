import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ceilTo, decimalsOf, floorTo, formatBps, formatUnits, groupDigits, parseUnits, stepBy } from "./decimal";

describe("parseUnits", () => {
  it("reads what people type, at the asset's scale", () => {
    expect(parseUnits("12.5", 2)).toBe(1250n);
    expect(parseUnits(" 12. ", 2)).toBe(1200n);
    expect(parseUnits(".5", 4)).toBe(5000n);
    expect(parseUnits("0", 2)).toBe(0n);
  });

  it("refuses anything that is not a plain decimal within the scale", () => {
    for (const text of ["", ".", "1e3", "-1", "+1", "1,000", "1.234", "abc", "1..2"]) expect(parseUnits(text, 2)).toBeNull();
  });
});

describe("groupDigits", () => {
  it("adds thousands separators to the whole part only", () => {
    expect(groupDigits("1234567.8901")).toBe("1,234,567.8901");
    expect(groupDigits("-1234.50")).toBe("-1,234.50");
    expect(groupDigits("999")).toBe("999");
  });

  it("never changes a digit", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.integer({ min: 0, max: 18 }), (units, scale) => {
        const text = formatUnits(units, scale);
        expect(parseUnits(text.replaceAll(",", ""), scale)).toBe(units);
      }),
    );
  });
});

describe("rounding onto a grid", () => {
  it("floors and ceils onto multiples", () => {
    expect(floorTo(1234n, 100n)).toBe(1200n);
    expect(ceilTo(1234n, 100n)).toBe(1300n);
    expect(ceilTo(1200n, 100n)).toBe(1200n);
  });
});

describe("formatBps", () => {
  it("formats basis points as a signed percentage without floats", () => {
    expect(formatBps(123)).toBe("+1.23%");
    expect(formatBps(-5)).toBe("-0.05%");
    expect(formatBps(0)).toBe("0.00%");
    expect(formatBps(null)).toBe("—");
  });

  it("counts decimals as written", () => {
    expect(decimalsOf("0.0100")).toBe(4);
    expect(decimalsOf("5")).toBe(0);
  });
});

describe("stepBy", () => {
  it("moves onto the next grid point in either direction", () => {
    expect(stepBy("125.43", 2, 5n, 1)).toBe("125.45");
    expect(stepBy("125.43", 2, 5n, -1)).toBe("125.40");
    expect(stepBy("125.45", 2, 5n, 1)).toBe("125.50");
    expect(stepBy("", 4, 100n, 1)).toBe("0.0100");
    expect(stepBy("0", 4, 100n, -1)).toBe("0.0000");
  });
});
