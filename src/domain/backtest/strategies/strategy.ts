/**
 * What a strategy is: a zod schema for its parameters (with bounds), defaults that pass it, and a
 * pure decision from the inputs to one target per candle. defineStrategy erases the parameter
 * type behind a parse, so a registry can hold every strategy and no caller can pass parameters
 * the schema did not accept.
 */
import { z } from "zod";
import type { Exposure, StrategyInput, StrategyParams } from "../types";

export interface StrategyDefinition<P extends StrategyParams> {
  name: string;
  summary: string;
  params: z.ZodType<P>;
  defaults: P;
  /** What the schema checks across parameters (fast < slow), in words: the same text as its refinement's. */
  rules?: readonly string[];
  /** Reads the news sentiment input. */
  readsNews?: boolean;
  decide(input: StrategyInput, params: P): Exposure[];
}

export interface Strategy {
  name: string;
  summary: string;
  params: z.ZodType<StrategyParams>;
  defaults: StrategyParams;
  rules: readonly string[];
  readsNews: boolean;
  /** One target per candle; throws the schema's ZodError for parameters it refuses. */
  targets(input: StrategyInput, params: unknown): Exposure[];
}

export function defineStrategy<P extends StrategyParams>(definition: StrategyDefinition<P>): Strategy {
  const { name, summary, params, defaults, decide } = definition;
  return {
    name,
    summary,
    params,
    defaults,
    rules: definition.rules ?? [],
    readsNews: definition.readsNews ?? false,
    targets: (input, raw) => decide(input, params.parse(raw)),
  };
}

/**
 * Indicators take JS numbers. A price in quote minor units is exact as a number below 2^53; above
 * that only the signal loses precision, never money, which the simulator keeps in bigint.
 */
export function indicatorPrice(price: bigint): number {
  return Number(price);
}

/** A period in candles, or any other whole-number parameter, within bounds. */
export function wholeNumber(min: number, max: number) {
  return z.number().int().min(min).max(max);
}
