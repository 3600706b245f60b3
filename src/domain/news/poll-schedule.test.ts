import { describe, expect, it } from "vitest";
import { MAX_BACKOFF_MS, nextDueAfterFailure, nextDueAfterSuccess } from "./poll-schedule";

const MINUTE = 60_000;

describe("[NEWS] poll schedule", () => {
  it("a success is due again after one refresh interval", () => {
    expect(nextDueAfterSuccess(1_000, 15 * MINUTE)).toBe(1_000 + 15 * MINUTE);
  });

  it("failures back off 1, 2, 4, 8 intervals, capped at a day", () => {
    const delays = [1, 2, 3, 4].map((failures) => nextDueAfterFailure(0, 15 * MINUTE, failures) / MINUTE);
    expect(delays).toEqual([15, 30, 60, 120]);
    expect(nextDueAfterFailure(0, 15 * MINUTE, 50)).toBe(MAX_BACKOFF_MS);
    expect(nextDueAfterFailure(0, 15 * MINUTE, 0)).toBe(15 * MINUTE);
  });
});
