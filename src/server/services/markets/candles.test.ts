import { describe, expect, it } from "vitest";
import { candleRange } from "./candles";

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 5, 1, 12, 30, 45);
const CURRENT = Date.UTC(2026, 5, 1, 12, 30, 0);

describe("[MARKET] candleRange: which buckets a klines request covers", () => {
  it("without times: the last `limit` buckets up to the current one", () => {
    expect(candleRange({ interval: "1m", limit: 500 }, NOW)).toEqual({ fromMs: CURRENT - 499 * MINUTE, toMs: CURRENT });
    expect(candleRange({ interval: "1h", limit: 1 }, NOW)).toEqual({
      fromMs: Date.UTC(2026, 5, 1, 12),
      toMs: Date.UTC(2026, 5, 1, 12),
    });
  });

  it("with startTime: forward from its bucket, at most `limit` buckets, never past now", () => {
    const start = CURRENT - 100 * MINUTE + 5_000;
    expect(candleRange({ interval: "1m", limit: 10, startTime: start }, NOW)).toEqual({
      fromMs: CURRENT - 100 * MINUTE,
      toMs: CURRENT - 91 * MINUTE,
    });
    expect(candleRange({ interval: "1m", limit: 1000, startTime: start }, NOW)).toEqual({
      fromMs: CURRENT - 100 * MINUTE,
      toMs: CURRENT,
    });
  });

  it("with endTime: back from its bucket; with both, the earlier bound wins", () => {
    const end = CURRENT - 10 * MINUTE + 1;
    expect(candleRange({ interval: "1m", limit: 3, endTime: end }, NOW)).toEqual({
      fromMs: CURRENT - 12 * MINUTE,
      toMs: CURRENT - 10 * MINUTE,
    });
    expect(candleRange({ interval: "1m", limit: 500, startTime: CURRENT - 20 * MINUTE, endTime: end }, NOW)).toEqual({
      fromMs: CURRENT - 20 * MINUTE,
      toMs: CURRENT - 10 * MINUTE,
    });
    // An endTime in the future is clamped to the current bucket.
    expect(candleRange({ interval: "1d", limit: 2, endTime: NOW + 10 * 86_400_000 }, NOW)?.toMs).toBe(Date.UTC(2026, 5, 1));
  });

  it("is empty when startTime is after endTime", () => {
    expect(candleRange({ interval: "1m", limit: 5, startTime: CURRENT, endTime: CURRENT - MINUTE }, NOW)).toBeNull();
  });
});
