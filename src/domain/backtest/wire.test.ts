import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DomainError } from "../errors";
import { wholeUnitRules } from "../test-rules";
import type { RunJob } from "./job";
import { waveCandles } from "./test-candles";
import { decodeFailure, decodeJob, encodeFailure, encodeJob, packSeries, unpackSeries } from "./wire";

const job = (series = waveCandles(50)): RunJob => ({
  kind: "run",
  strategy: "sma-cross",
  params: { fast: 2, slow: 5 },
  series,
  sentiment: [{ timeMs: 1, score: 0.5 }],
  interval: "1m",
  config: { rules: wholeUnitRules(), initialCash: 1_000_000n, slippageBps: 5 },
});

describe("[BACKTEST] what crosses to a worker thread", () => {
  it("a series packs into typed arrays and back, candle for candle", () => {
    const series = waveCandles(1_000);
    const packed = packSeries(series);
    expect(packed?.amounts).toBeInstanceOf(BigUint64Array);
    expect(packed && unpackSeries(packed)).toEqual(series);
  });

  it("a job is transferred packed and decodes to the same job; an amount past 64 bits travels as it is", () => {
    const { message, transfer } = encodeJob(job());
    expect(transfer).toHaveLength(4);
    expect(decodeJob(structuredClone(message, { transfer }))).toEqual(job());
    const huge = waveCandles(3).map((c) => ({ ...c, quoteVolume: 2n ** 64n }));
    const unpacked = encodeJob(job(huge));
    expect(unpacked.transfer).toEqual([]);
    expect(decodeJob(structuredClone(unpacked.message))).toEqual(job(huge));
  });

  it("failures come back as the same kind of error", () => {
    const refusal = decodeFailure(
      structuredClone(encodeFailure(new DomainError("BACKTEST_TOO_LARGE", undefined, { maxCandles: "9" }))),
    );
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: "BACKTEST_TOO_LARGE", details: { maxCandles: "9" }, status: "BAD_REQUEST" });
    const parsed = z.strictObject({ fast: z.number() }).safeParse({ fast: "x" });
    const invalid = decodeFailure(structuredClone(encodeFailure(parsed.error)));
    expect(invalid).toBeInstanceOf(z.ZodError);
    expect((invalid as z.ZodError).issues).toEqual(parsed.error?.issues);
    const bug = decodeFailure(encodeFailure(new Error("Invariant violated: x")));
    expect(bug).not.toBeInstanceOf(DomainError);
    expect(bug.message).toContain("Invariant violated: x");
  });
});
